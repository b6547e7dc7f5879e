"""/manage/: a network's contacts look after its page and meetings."""

from . import account_urls, meeting_urls, suggestion_urls

app_name = "manage"

urlpatterns = [
    *account_urls.urlpatterns,
    *meeting_urls.urlpatterns,
    *suggestion_urls.urlpatterns,
]
