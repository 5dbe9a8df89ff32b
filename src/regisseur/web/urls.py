"""Every HTML page's address, each group under the namespace templates and services reverse it by."""

from django.urls import include, path

from regisseur.web.views import (
    aftercare,
    board,
    calendar,
    cancelling,
    care,
    communicate,
    documents,
    evaluations,
    exporting,
    home,
    importing,
    interviews,
    invitations,
    kits,
    message_log,
    metrics,
    planning,
    playbooks,
    portal,
    recruitment,
    responses,
    search,
    settings_checklists,
    settings_library,
    settings_pages,
    settings_users,
)

responses_patterns = [
    path("r/<str:token>/", responses.answer, name="answer"),
    path("r/<str:token>/withdraw/", responses.withdraw, name="withdraw"),
    path("r/<str:token>/thanks/", responses.thanks, name="thanks"),
]

messaging_patterns = [
    path("interviews/communicate/", communicate.communicate_bulk, name="communicate_bulk"),
    path("interviews/<int:pk>/communicate/<str:audience>/", communicate.communicate, name="communicate"),
    path("messages/<int:pk>/", message_log.message_detail, name="message_detail"),
    path("messages/<int:pk>/retry/", message_log.message_retry, name="message_retry"),
    path("messages/progress/<str:key>/", message_log.send_progress, name="send_progress"),
    path("settings/", settings_pages.settings_index, name="settings"),
    path("settings/templates/", settings_pages.template_list, name="template_list"),
    path("settings/templates/new/", settings_pages.template_edit, name="template_create"),
    path("settings/templates/<int:pk>/", settings_pages.template_edit, name="template_edit"),
    path("settings/profiles/", settings_pages.profile_list, name="profile_list"),
    path("settings/profiles/new/", settings_pages.profile_edit, name="profile_create"),
    path("settings/profiles/<int:pk>/", settings_pages.profile_edit, name="profile_edit"),
]

settings_patterns = [
    path("settings/locations/", settings_library.location_list, name="location_list"),
    path("settings/locations/new/", settings_library.location_edit, name="location_create"),
    path("settings/locations/<int:pk>/", settings_library.location_edit, name="location_edit"),
    path("settings/locations/<int:pk>/active/", settings_library.location_active, name="location_active"),
    path("settings/locations/<int:pk>/delete/", settings_library.location_delete, name="location_delete"),
    path("settings/guidelines/", settings_library.guideline_list, name="guideline_list"),
    path("settings/guidelines/new/", settings_library.guideline_edit, name="guideline_create"),
    path("settings/guidelines/<int:pk>/", settings_library.guideline_edit, name="guideline_edit"),
    path("settings/guidelines/<int:pk>/delete/", settings_library.guideline_delete, name="guideline_delete"),
    path("settings/users/", settings_users.user_list, name="user_list"),
    path("settings/users/new/", settings_users.user_create, name="user_create"),
    path("settings/users/<int:pk>/", settings_users.user_edit, name="user_edit"),
    path("settings/users/<int:pk>/active/", settings_users.user_active, name="user_active"),
    path("settings/checklists/", settings_checklists.checklist_settings, name="checklists"),
    path("settings/checklists/<str:phase>/", settings_checklists.checklist_save, name="checklist_save"),
]

recruitment_patterns = [
    *documents.patterns,
    path("vacancies/", recruitment.vacancy_list, name="vacancy_list"),
    path("vacancies/new/", recruitment.vacancy_create, name="vacancy_create"),
    path("vacancies/<int:pk>/", recruitment.vacancy_detail, name="vacancy_detail"),
    path("vacancies/<int:pk>/edit/", recruitment.vacancy_edit, name="vacancy_edit"),
    path("vacancies/<int:pk>/candidates/", recruitment.vacancy_candidates, name="vacancy_candidates"),
    path("vacancies/<int:pk>/board/", recruitment.vacancy_board, name="vacancy_board"),
    path("vacancies/<int:pk>/candidates/export/", exporting.vacancy_applications, name="vacancy_export"),
    path("candidates/", recruitment.candidate_list, name="candidate_list"),
    path("candidates/new/", recruitment.candidate_create, name="candidate_create"),
    path("candidates/import/", importing.upload, name="candidate_import"),
    path("candidates/import/done/", importing.done, name="candidate_import_done"),
    path("candidates/import/<str:token>/", importing.review, name="candidate_import_preview"),
    path("candidates/export/", exporting.candidates, name="candidate_export"),
    path("candidates/<int:pk>/", recruitment.candidate_detail, name="candidate_detail"),
    path("candidates/<int:pk>/edit/", recruitment.candidate_edit, name="candidate_edit"),
    path("candidates/<int:pk>/applications/", recruitment.application_create, name="application_create"),
    path("applications/<int:pk>/", recruitment.application_detail, name="application_detail"),
    path("applications/<int:pk>/move/", recruitment.application_move, name="application_move"),
    path("applications/<int:pk>/status/", recruitment.application_status, name="application_status"),
]

interviews_patterns = [
    path("interviews/", interviews.overview, name="overview"),
    path("interviews/export/", exporting.interviews, name="export"),
    path("interviews/calendar/", calendar.calendar, name="calendar"),
    path("interviews/plan/", planning.plan, name="plan"),
    path("interviews/invite/", invitations.invite, name="invite"),
    path("interviews/invite/back/", invitations.invite_back, name="invite_back"),
    path("interviews/<int:pk>/", interviews.detail, name="detail"),
    path("interviews/<int:pk>/edit/", planning.edit, name="edit"),
    path("interviews/<int:pk>/cancel/", cancelling.cancel, name="cancel"),
    path("interviews/<int:pk>/outcome/", planning.outcome, name="outcome"),
    path("interviews/<int:pk>/link/", planning.link, name="link"),
    path("interviews/<int:pk>/follow-ups/<int:follow_up_id>/done/", interviews.follow_up_done, name="follow_up_done"),
]

web_patterns = [
    path("", home.home, name="home"),
    path("search/", search.search, name="search"),
]

# Monitoring the interview day (seed 000): each page module names its own paths.
monitoring_patterns = [*board.patterns, *playbooks.patterns, *aftercare.patterns, *metrics.patterns]

# Evaluation (seeds 001-003) and the manager portal: each page module names its own paths.
evaluation_patterns = [*kits.patterns, *evaluations.patterns, *care.patterns]

# The order of the former per-app includes, so that every path resolves as before.
urlpatterns = [
    path("", include((responses_patterns, "responses"))),
    path("", include((messaging_patterns, "messaging"))),
    path("", include((settings_patterns, "settings"))),
    path("", include((recruitment_patterns, "recruitment"))),
    path("", include((interviews_patterns, "interviews"))),
    path("", include((web_patterns, "web"))),
    path("", include((monitoring_patterns, "monitoring"))),
    path("", include((evaluation_patterns, "evaluation"))),
    path("", include((portal.patterns, "portal"))),
]
