"""Built-in texts for the monitoring playbooks (seed 000), in Dutch and English; see messaging.defaults.

{situation}, {delay}, {backup_platform} and {phone_fallback} are filled by the playbook that
sends the message; an empty {situation} on a line of its own leaves no hole (see composition).
The texts for the client and for both parties greet without a name: the same text goes to the
candidate and to the client's contact, and {candidate_first_name} would greet the wrong person.
"""

from __future__ import annotations

from regisseur.messaging.models import Purpose

PLAYBOOKS_DEFAULTS: dict[str, dict[str, tuple[str, str, str]]] = {
    # purpose: language: (name, subject, body)
    Purpose.ILL_TO_CLIENT: {
        "nl": (
            "Kandidaat ziek of noodgeval (aan de klant)",
            "Gesprek met {candidate_name} op {interview_date}: de kandidaat is verhinderd",
            "Goedendag,\n\n"
            "Helaas kan {candidate_name} niet aanwezig zijn bij het gesprek voor de functie {vacancy_title} "
            "op {interview_date} om {interview_time}: de kandidaat is ziek of heeft een noodgeval.\n"
            "{situation}\n\n"
            "Dit zijn de mogelijkheden:\n"
            "- een nieuw moment binnen 24 tot 48 uur; ik stuur je graag een paar tijden;\n"
            "- een andere kandidaat die klaar is voor een gesprek.\n\n"
            "Laat je weten wat je voorkeur heeft? Ik bel je ook even om het te bespreken.",
        ),
        "en": (
            "Candidate ill or emergency (to the client)",
            "Interview with {candidate_name} on {interview_date}: the candidate cannot attend",
            "Hello,\n\n"
            "Unfortunately {candidate_name} cannot attend the interview for the position of {vacancy_title} "
            "on {interview_date} at {interview_time}: the candidate is ill or has an emergency.\n"
            "{situation}\n\n"
            "These are the options:\n"
            "- a new moment within 24 to 48 hours; I will gladly send you a few times;\n"
            "- another candidate who is ready for an interview.\n\n"
            "Could you let me know what you prefer? I will also call you to discuss it.",
        ),
    },
    Purpose.CANCELLED_TO_CANDIDATE: {
        "nl": (
            "Klant zegt af (aan de kandidaat)",
            "Je gesprek voor {vacancy_title} op {interview_date} gaat niet door",
            "Beste {candidate_first_name},\n\n"
            "{client_name} heeft het gesprek voor de functie {vacancy_title} op {interview_date} om "
            "{interview_time} op het laatste moment moeten afzeggen.\n"
            "{situation}\n\n"
            "Dit betekent niet dat je bent afgewezen; als dat anders is, hoor je dat direct van ons. "
            "We sturen je zo snel mogelijk nieuwe tijden, binnen 24 tot 48 uur. "
            "Excuses voor het ongemak, en bedankt voor je begrip.",
        ),
        "en": (
            "Client cancels (to the candidate)",
            "Your interview for {vacancy_title} on {interview_date} will not take place",
            "Dear {candidate_first_name},\n\n"
            "{client_name} has had to cancel the interview for the position of {vacancy_title} on "
            "{interview_date} at {interview_time} at the last minute.\n"
            "{situation}\n\n"
            "This does not mean you have been rejected; should that be different, you will hear it from us "
            "at once. We will send you new times as soon as possible, within 24 to 48 hours. "
            "Our apologies for the inconvenience, and thank you for your understanding.",
        ),
    },
    Purpose.TECH_BACKUP: {
        "nl": (
            "Uitwijkplatform bij technische problemen",
            "Gesprek voor {vacancy_title} op {interview_date}: zo gaan we verder bij technische problemen",
            "Goedendag,\n\n"
            "Voor het gesprek over de functie {vacancy_title} op {interview_date} om {interview_time} "
            "spreken we af hoe we verdergaan als de verbinding niet werkt:\n\n"
            "Uitwijkplatform: {backup_platform}\n"
            "Telefoon als terugval: {phone_fallback}\n\n"
            "Lukt het ook via het uitwijkplatform niet, dan voeren we het gesprek telefonisch via dit nummer. "
            "Een half uur vooraf doen we graag een korte testverbinding.",
        ),
        "en": (
            "Backup platform for technology problems",
            "Interview for {vacancy_title} on {interview_date}: how we go on if the technology fails",
            "Hello,\n\n"
            "For the interview about the position of {vacancy_title} on {interview_date} at {interview_time} "
            "we agree how to go on if the connection does not work:\n\n"
            "Backup platform: {backup_platform}\n"
            "Phone as the fallback: {phone_fallback}\n\n"
            "Should the backup platform fail as well, we hold the interview by phone on this number. "
            "We would like to do a short test call half an hour before.",
        ),
    },
    Purpose.DELAY_NOTICE: {
        "nl": (
            "Vertraging (aan een wachtende kandidaat)",
            "Je gesprek op {interview_date} om {interview_time} begint later",
            "Beste {candidate_first_name},\n\n"
            "Het gesprek voor de functie {vacancy_title} op {interview_date} om {interview_time} begint "
            "ongeveer {delay} later dan gepland, omdat een eerder gesprek uitloopt. "
            "Excuses voor het wachten; we houden je op de hoogte.",
        ),
        "en": (
            "Delay (to a waiting candidate)",
            "Your interview on {interview_date} at {interview_time} starts later",
            "Dear {candidate_first_name},\n\n"
            "The interview for the position of {vacancy_title} on {interview_date} at {interview_time} starts "
            "about {delay} later than planned, because an earlier interview runs over. "
            "Our apologies for the wait; we will keep you informed.",
        ),
    },
}
