"""The standard documents every organisation starts with (C1), in Dutch and English.

The invitation states the agreed arrangements, as a "social contract" (seed 002, C8):
what, when, how long, how, who attends, and what happens with the result.
"""

from __future__ import annotations

from regisseur.accounts.models import Organisation
from regisseur.messaging.defaults_aftercare import AFTERCARE_DEFAULTS
from regisseur.messaging.defaults_evaluation import EVALUATION_DEFAULTS
from regisseur.messaging.defaults_playbooks import PLAYBOOKS_DEFAULTS
from regisseur.messaging.models import HtmlProfile, MessageTemplate, Purpose

SIGNATURE = {
    "nl": "Met vriendelijke groet,\n\n{recruiter_name}\n{recruiter_email}",
    "en": "Kind regards,\n\n{recruiter_name}\n{recruiter_email}",
}

DEFAULTS: dict[str, dict[str, tuple[str, str, str]]] = {
    # purpose: language: (name, subject, body)
    Purpose.INVITATION: {
        "nl": (
            "Uitnodiging sollicitatiegesprek",
            "Uitnodiging: gesprek voor {vacancy_title} op {interview_date}",
            "Beste {candidate_first_name},\n\n"
            "Graag nodigen we je uit voor een gesprek over de functie {vacancy_title} bij {client_name}. "
            "Dit spreken we af:\n\n"
            "Wanneer: {interview_date} om {interview_time}\n"
            "Hoe lang: {duration}\n"
            "Soort gesprek: {interview_type}\n"
            "Waar: {location}\n"
            "Met: {attendees}\n\n"
            "Na het gesprek laten we je binnen een week weten hoe het verder gaat. "
            "Wil je het gesprek liever anders voeren (bijvoorbeeld via video of telefonisch), "
            "of wil je de vragen vooraf ontvangen? Laat het ons weten via de link hieronder.",
        ),
        "en": (
            "Interview invitation",
            "Invitation: interview for {vacancy_title} on {interview_date}",
            "Dear {candidate_first_name},\n\n"
            "We would like to invite you to an interview for the position of {vacancy_title} at {client_name}. "
            "This is what we agree:\n\n"
            "When: {interview_date} at {interview_time}\n"
            "How long: {duration}\n"
            "Type of interview: {interview_type}\n"
            "Where: {location}\n"
            "With: {attendees}\n\n"
            "Within a week after the interview we will let you know the next steps. "
            "Would you prefer another way of meeting (by video or phone, say), or would you like the "
            "questions in advance? Let us know through the link below.",
        ),
    },
    Purpose.CHANGE: {
        "nl": (
            "Wijziging sollicitatiegesprek",
            "Gewijzigd: gesprek voor {vacancy_title} op {interview_date}",
            "Beste {candidate_first_name},\n\n"
            "Je gesprek voor de functie {vacancy_title} bij {client_name} is gewijzigd. "
            "Dit zijn de nieuwe afspraken:\n\n"
            "Wanneer: {interview_date} om {interview_time}\n"
            "Hoe lang: {duration}\n"
            "Soort gesprek: {interview_type}\n"
            "Waar: {location}\n"
            "Met: {attendees}\n\n"
            "Wil je laten weten of dit past?",
        ),
        "en": (
            "Interview changed",
            "Changed: interview for {vacancy_title} on {interview_date}",
            "Dear {candidate_first_name},\n\n"
            "Your interview for the position of {vacancy_title} at {client_name} has changed. "
            "These are the new arrangements:\n\n"
            "When: {interview_date} at {interview_time}\n"
            "How long: {duration}\n"
            "Type of interview: {interview_type}\n"
            "Where: {location}\n"
            "With: {attendees}\n\n"
            "Could you let us know whether this suits you?",
        ),
    },
    Purpose.CANCELLATION: {
        "nl": (
            "Annulering sollicitatiegesprek",
            "Geannuleerd: gesprek voor {vacancy_title} op {interview_date}",
            "Beste {candidate_first_name},\n\n"
            "Helaas gaat het gesprek voor de functie {vacancy_title} op {interview_date} om {interview_time} "
            "niet door. We nemen zo snel mogelijk contact met je op over een nieuwe afspraak.",
        ),
        "en": (
            "Interview cancelled",
            "Cancelled: interview for {vacancy_title} on {interview_date}",
            "Dear {candidate_first_name},\n\n"
            "Unfortunately the interview for the position of {vacancy_title} on {interview_date} at "
            "{interview_time} cannot go ahead. We will contact you as soon as possible about a new appointment.",
        ),
    },
    Purpose.REMINDER: {
        "nl": (
            "Herinnering sollicitatiegesprek",
            "Herinnering: gesprek op {interview_date} om {interview_time}",
            "Beste {candidate_first_name},\n\n"
            "Een herinnering aan je gesprek voor de functie {vacancy_title} bij {client_name}:\n\n"
            "Wanneer: {interview_date} om {interview_time}\n"
            "Waar: {location}\n"
            "Met: {attendees}\n\n"
            "We zien je graag dan.",
        ),
        "en": (
            "Interview reminder",
            "Reminder: interview on {interview_date} at {interview_time}",
            "Dear {candidate_first_name},\n\n"
            "A reminder of your interview for the position of {vacancy_title} at {client_name}:\n\n"
            "When: {interview_date} at {interview_time}\n"
            "Where: {location}\n"
            "With: {attendees}\n\n"
            "We look forward to meeting you.",
        ),
    },
    Purpose.SMS_REMINDER: {
        "nl": (
            "Herinnering per sms",
            "Herinnering",
            "Herinnering: je gesprek voor {vacancy_title} is op {interview_date} om {interview_time}, "
            "{location}. Laat je weten of je komt? {confirmlink}",
        ),
        "en": (
            "Reminder by SMS",
            "Reminder",
            "Reminder: your interview for {vacancy_title} is on {interview_date} at {interview_time}, "
            "{location}. Will you be there? {confirmlink}",
        ),
    },
    Purpose.MANAGER_NOTICE: {
        "nl": (
            "Gesprek met hiringmanager",
            "Gesprek met {candidate_name} voor {vacancy_title} op {interview_date}",
            "Beste collega,\n\n"
            "Er staat een gesprek gepland met {candidate_name} voor de vacature {vacancy_title}.\n\n"
            "Wanneer: {interview_date} om {interview_time}\n"
            "Hoe lang: {duration}\n"
            "Soort gesprek: {interview_type}\n"
            "Waar: {location}\n"
            "Aanwezig: {attendees}\n\n"
            "De richtlijnen voor het gesprek vind je in de managerportal.",
        ),
        "en": (
            "Interview with hiring manager",
            "Interview with {candidate_name} for {vacancy_title} on {interview_date}",
            "Dear colleague,\n\n"
            "An interview with {candidate_name} for the vacancy {vacancy_title} has been planned.\n\n"
            "When: {interview_date} at {interview_time}\n"
            "How long: {duration}\n"
            "Type of interview: {interview_type}\n"
            "Where: {location}\n"
            "Attending: {attendees}\n\n"
            "The guidelines for the interview are in the manager portal.",
        ),
    },
    Purpose.COMMITTEE_NOTICE: {
        "nl": (
            "Uitnodiging selectiecommissie",
            "Selectiecommissie: gesprek met {candidate_name} op {interview_date}",
            "Beste commissielid,\n\n"
            "Je bent uitgenodigd voor het gesprek met {candidate_name} voor de vacature {vacancy_title}.\n\n"
            "Wanneer: {interview_date} om {interview_time}\n"
            "Hoe lang: {duration}\n"
            "Waar: {location}\n"
            "Aanwezig: {attendees}",
        ),
        "en": (
            "Selection committee invitation",
            "Selection committee: interview with {candidate_name} on {interview_date}",
            "Dear committee member,\n\n"
            "You are invited to the interview with {candidate_name} for the vacancy {vacancy_title}.\n\n"
            "When: {interview_date} at {interview_time}\n"
            "How long: {duration}\n"
            "Where: {location}\n"
            "Attending: {attendees}",
        ),
    },
    Purpose.MANAGER_CANCELLATION: {
        "nl": (
            "Annulering gesprek (hiringmanager)",
            "Geannuleerd: gesprek met {candidate_name} op {interview_date}",
            "Beste collega,\n\n"
            "Het gesprek met {candidate_name} voor de vacature {vacancy_title} op {interview_date} om "
            "{interview_time} gaat niet door.\n"
            "{cancel_reason}\n\n"
            "De afspraak wordt uit je agenda verwijderd. Je hoeft niets te doen; "
            "als er een nieuw gesprek wordt gepland, ontvang je daarvoor een nieuwe uitnodiging.",
        ),
        "en": (
            "Interview cancelled (hiring manager)",
            "Cancelled: interview with {candidate_name} on {interview_date}",
            "Dear colleague,\n\n"
            "The interview with {candidate_name} for the vacancy {vacancy_title} on {interview_date} at "
            "{interview_time} will not take place.\n"
            "{cancel_reason}\n\n"
            "The appointment is removed from your calendar. You need not do anything; "
            "if a new interview is planned, you will receive a new invitation for it.",
        ),
    },
    Purpose.COMMITTEE_CANCELLATION: {
        "nl": (
            "Annulering selectiecommissie",
            "Selectiecommissie: gesprek met {candidate_name} op {interview_date} gaat niet door",
            "Beste commissielid,\n\n"
            "Het gesprek met {candidate_name} voor de vacature {vacancy_title} op {interview_date} om "
            "{interview_time}, waarvoor je was uitgenodigd, gaat niet door.\n"
            "{cancel_reason}\n\n"
            "De afspraak wordt uit je agenda verwijderd.",
        ),
        "en": (
            "Selection committee cancellation",
            "Selection committee: interview with {candidate_name} on {interview_date} cancelled",
            "Dear committee member,\n\n"
            "The interview with {candidate_name} for the vacancy {vacancy_title} on {interview_date} at "
            "{interview_time}, to which you were invited, will not take place.\n"
            "{cancel_reason}\n\n"
            "The appointment is removed from your calendar.",
        ),
    },
    Purpose.COLLEAGUE_NOTICE: {
        "nl": (
            "Uitnodiging collega",
            "Gesprek met {candidate_name} voor {vacancy_title} op {interview_date}",
            "Beste collega,\n\n"
            "Je neemt deel aan het gesprek met {candidate_name} voor de vacature {vacancy_title} "
            "bij {client_name}.\n\n"
            "Wanneer: {interview_date} om {interview_time}\n"
            "Hoe lang: {duration}\n"
            "Soort gesprek: {interview_type}\n"
            "Waar: {location}\n"
            "Aanwezig: {attendees}\n\n"
            "De afspraak staat in de bijlage, zodat je hem in je agenda kunt zetten.",
        ),
        "en": (
            "Invitation to a colleague",
            "Interview with {candidate_name} for {vacancy_title} on {interview_date}",
            "Dear colleague,\n\n"
            "You take part in the interview with {candidate_name} for the vacancy {vacancy_title} "
            "at {client_name}.\n\n"
            "When: {interview_date} at {interview_time}\n"
            "How long: {duration}\n"
            "Type of interview: {interview_type}\n"
            "Where: {location}\n"
            "Attending: {attendees}\n\n"
            "The appointment is attached, so you can add it to your calendar.",
        ),
    },
    Purpose.COLLEAGUE_CANCELLATION: {
        "nl": (
            "Annulering gesprek (collega)",
            "Geannuleerd: gesprek met {candidate_name} op {interview_date}",
            "Beste collega,\n\n"
            "Het gesprek met {candidate_name} voor de vacature {vacancy_title} op {interview_date} om "
            "{interview_time}, waaraan je zou deelnemen, gaat niet door.\n"
            "{cancel_reason}\n\n"
            "De afspraak wordt uit je agenda verwijderd; dit tijdstip is weer vrij.",
        ),
        "en": (
            "Interview cancelled (colleague)",
            "Cancelled: interview with {candidate_name} on {interview_date}",
            "Dear colleague,\n\n"
            "The interview with {candidate_name} for the vacancy {vacancy_title} on {interview_date} at "
            "{interview_time}, in which you were to take part, will not take place.\n"
            "{cancel_reason}\n\n"
            "The appointment is removed from your calendar; the time is free again.",
        ),
    },
    Purpose.THANK_YOU: {
        "nl": (
            "Bedankt voor het gesprek",
            "Bedankt voor het gesprek over {vacancy_title}",
            "Beste {candidate_first_name},\n\n"
            "Bedankt voor het prettige gesprek van {interview_date} over de functie {vacancy_title}. "
            "Zoals afgesproken hoor je binnen een week van ons hoe het verder gaat.",
        ),
        "en": (
            "Thank you for the interview",
            "Thank you for the interview about {vacancy_title}",
            "Dear {candidate_first_name},\n\n"
            "Thank you for the pleasant interview on {interview_date} about the position of {vacancy_title}. "
            "As agreed, you will hear from us within a week about the next steps.",
        ),
    },
}

# Monitoring's texts (seed 000) live in their own modules.
DEFAULTS.update(PLAYBOOKS_DEFAULTS)
DEFAULTS.update(AFTERCARE_DEFAULTS)
DEFAULTS.update(EVALUATION_DEFAULTS)


def install_defaults(organisation: Organisation) -> int:
    """Give an organisation the standard templates and an HTML profile it does not have yet."""
    created = 0
    for purpose, languages in DEFAULTS.items():
        for language, (name, subject, body) in languages.items():
            _template, was_created = MessageTemplate.objects.get_or_create(
                organisation=organisation,
                purpose=purpose,
                language=language,
                name=name,
                defaults={
                    "subject": subject,
                    "body": body,
                    "signature": SIGNATURE[language],
                    "is_default": not MessageTemplate.objects.filter(
                        organisation=organisation, purpose=purpose, language=language, is_default=True
                    ).exists(),
                },
            )
            created += was_created
    if not HtmlProfile.objects.filter(organisation=organisation).exists():
        HtmlProfile.objects.create(
            organisation=organisation, name=organisation.name, footer=organisation.name, is_default=True
        )
        created += 1
    return created
