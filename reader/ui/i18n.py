"""Every word the interface says, in Ukrainian, Russian and English.

The language of the interface is an `Edition` (uk, ru, en): it follows the edition being read
unless the settings fix it. Texts are plain `str.format` templates; page text put into them is
still shown as plain text (the widgets build `rich.text.Text`, never markup).
"""

from __future__ import annotations

from datetime import date, datetime

from reader.models import Edition
from reader.net.errors import (
    FetchError,
    InvalidUrl,
    NetworkError,
    NotFound,
    RateLimited,
    Refused,
    ServerError,
    Timeout,
    TooLarge,
    UnexpectedStatus,
)
from reader.service import NotStored, Unreadable
from reader.site.editions import LABELS, MONTHS_GENITIVE

UK, RU, EN = Edition.UK, Edition.RU, Edition.EN

# Binding id -> (description, tooltip). The footer shows the description, the help screen both.
KEYS: dict[Edition, dict[str, tuple[str, str]]] = {
    EN: {
        "quit": ("Quit", "Quit the reader"),
        "help": ("Help", "Show the keys of the focused pane and of the whole app"),
        "refresh": ("Refresh", "Load the list and the article again from the site"),
        "open-browser": ("Browser", "Open the selected page in the web browser"),
        "copy-link": ("Copy link", "Copy the address of the selected page"),
        "filter": ("Filter", "Show only the headlines that contain some words"),
        "back": ("Back", "Go back to the previous page"),
        "forward": ("Forward", "Go forward again"),
        "edition-uk": ("Укр", "Switch to the Ukrainian edition (the same story when it exists)"),
        "edition-ru": ("Рус", "Switch to the Russian edition (the same story when it exists)"),
        "edition-en": ("Eng", "Switch to the English edition (the same story when it exists)"),
        "next-pane": ("Next pane", "Move to the next pane"),
        "previous-pane": ("Previous pane", "Move to the previous pane"),
        "page-down": ("Page down", "Scroll the article one page down"),
        "page-up": ("Page up", "Scroll the article one page up"),
        "follow-link": ("Follow link", "Press f, type a link number, then Enter"),
        "link-number": ("Link №", "Type the number of a link, then Enter, to follow it"),
        "toggle-related": ("Links pane", "Show or hide the pane of related links"),
        "down": ("Down", "Move down"),
        "up": ("Up", "Move up"),
        "top": ("Top", "Go to the top"),
        "bottom": ("Bottom", "Go to the bottom"),
        "open": ("Open", "Open the selected item"),
        "previous-day": ("Previous day", "Show the news of the day before"),
        "close": ("Close", "Close this window"),
        "clear-filter": ("Clear", "Clear the filter and show every headline"),
        "palette": ("Commands", "Search every command of the reader"),
        "edition": ("Edition", "Switch the edition: 1 Ukrainian, 2 Russian, 3 English"),
        "link-follow": ("Follow", "Follow the link whose number was typed"),
        "link-cancel": ("Cancel", "Forget the link number"),
        "toggle-read": ("Read", "Mark the selected story read, or unread again"),
        "mark-all-read": ("All read", "Mark every headline of the list read"),
        "bookmark": (
            "Save",
            "Save the selected story, or take it out of Saved; saved stories stay readable offline",
        ),
        "saved": ("Saved", "Show the saved stories"),
        "history": ("History", "Show the articles opened, with the time each was opened"),
        "search": ("Search", "Search the stored articles of every edition"),
        "jump-day": ("Day", "Show the news of a given day"),
        "article-tags": ("Tags", "Open the list of one of the article's tags, in this edition"),
        "day-before": ("Day before", "Go to the day before"),
        "day-after": ("Day after", "Go to the day after"),
        "search-results": ("Results", "Go to the results"),
        "search-edition": ("Edition", "Search every edition, or one"),
        "compare": ("Compare", "Show the article and another edition of it side by side"),
        "export": ("Export", "Write the article (in a comparison: both sides) to a Markdown file"),
        "compare-edition": (
            "Second edition",
            "Choose the edition on the right: 1 Ukrainian, 2 Russian, 3 English",
        ),
        "compare-uk": ("Укр", "Compare with the Ukrainian edition"),
        "compare-ru": ("Рус", "Compare with the Russian edition"),
        "compare-en": ("Eng", "Compare with the English edition"),
        "compare-close": ("Close", "Close the comparison and go back to the article"),
    },
    UK: {
        "quit": ("Вийти", "Закрити читалку"),
        "help": ("Довідка", "Показати клавіші активної панелі та всієї програми"),
        "refresh": ("Оновити", "Знову завантажити список і статтю з сайту"),
        "open-browser": ("Браузер", "Відкрити вибрану сторінку у браузері"),
        "copy-link": ("Копіювати", "Скопіювати адресу вибраної сторінки"),
        "filter": ("Фільтр", "Показати лише заголовки з певними словами"),
        "back": ("Назад", "Повернутися на попередню сторінку"),
        "forward": ("Вперед", "Знову перейти вперед"),
        "edition-uk": ("Укр", "Українська версія (та сама новина, якщо вона є)"),
        "edition-ru": ("Рус", "Російська версія (та сама новина, якщо вона є)"),
        "edition-en": ("Eng", "Англійська версія (та сама новина, якщо вона є)"),
        "next-pane": ("Наступна панель", "Перейти до наступної панелі"),
        "previous-pane": ("Попередня панель", "Перейти до попередньої панелі"),
        "page-down": ("Сторінка вниз", "Прокрутити статтю на сторінку вниз"),
        "page-up": ("Сторінка вгору", "Прокрутити статтю на сторінку вгору"),
        "follow-link": ("Посилання", "Введіть номер посилання й натисніть Enter"),
        "link-number": ("Посилання №", "Наберіть номер посилання, потім Enter"),
        "toggle-related": ("Панель посилань", "Показати або сховати панель посилань"),
        "down": ("Вниз", "Перейти нижче"),
        "up": ("Вгору", "Перейти вище"),
        "top": ("На початок", "Перейти на початок"),
        "bottom": ("В кінець", "Перейти в кінець"),
        "open": ("Відкрити", "Відкрити вибране"),
        "previous-day": ("Попередній день", "Показати новини попереднього дня"),
        "close": ("Закрити", "Закрити це вікно"),
        "clear-filter": ("Очистити", "Прибрати фільтр і показати всі заголовки"),
        "palette": ("Команди", "Пошук серед усіх команд читалки"),
        "edition": ("Версія", "Змінити версію: 1 українська, 2 російська, 3 англійська"),
        "link-follow": ("Перейти", "Перейти за посиланням із набраним номером"),
        "link-cancel": ("Скасувати", "Забути набраний номер"),
        "toggle-read": ("Прочитано", "Позначити вибрану новину прочитаною або знову непрочитаною"),
        "mark-all-read": ("Усе прочитано", "Позначити всі заголовки списку прочитаними"),
        "bookmark": (
            "Зберегти",
            "Зберегти вибрану новину або прибрати її зі збережених; збережені читаються й офлайн",
        ),
        "saved": ("Збережені", "Показати збережені новини"),
        "history": ("Історія", "Показати відкриті статті з часом відкриття"),
        "search": ("Пошук", "Шукати в завантажених статтях усіх версій"),
        "jump-day": ("День", "Показати новини певного дня"),
        "article-tags": ("Теги", "Відкрити список одного з тегів статті в цій версії"),
        "day-before": ("День раніше", "Перейти до попереднього дня"),
        "day-after": ("День пізніше", "Перейти до наступного дня"),
        "search-results": ("Результати", "Перейти до результатів"),
        "search-edition": ("Версія", "Шукати в усіх версіях або в одній"),
        "compare": ("Порівняти", "Показати статтю та іншу її версію поруч"),
        "export": ("Експорт", "Записати статтю (у порівнянні: обидві версії) у файл Markdown"),
        "compare-edition": (
            "Друга версія",
            "Вибрати версію праворуч: 1 українська, 2 російська, 3 англійська",
        ),
        "compare-uk": ("Укр", "Порівняти з українською версією"),
        "compare-ru": ("Рус", "Порівняти з російською версією"),
        "compare-en": ("Eng", "Порівняти з англійською версією"),
        "compare-close": ("Закрити", "Закрити порівняння й повернутися до статті"),
    },
    RU: {
        "quit": ("Выйти", "Закрыть читалку"),
        "help": ("Справка", "Показать клавиши активной панели и всей программы"),
        "refresh": ("Обновить", "Снова загрузить список и статью с сайта"),
        "open-browser": ("Браузер", "Открыть выбранную страницу в браузере"),
        "copy-link": ("Копировать", "Скопировать адрес выбранной страницы"),
        "filter": ("Фильтр", "Показать только заголовки с определёнными словами"),
        "back": ("Назад", "Вернуться на предыдущую страницу"),
        "forward": ("Вперёд", "Снова перейти вперёд"),
        "edition-uk": ("Укр", "Украинская версия (та же новость, если она есть)"),
        "edition-ru": ("Рус", "Русская версия (та же новость, если она есть)"),
        "edition-en": ("Eng", "Английская версия (та же новость, если она есть)"),
        "next-pane": ("Следующая панель", "Перейти к следующей панели"),
        "previous-pane": ("Предыдущая панель", "Перейти к предыдущей панели"),
        "page-down": ("Страница вниз", "Прокрутить статью на страницу вниз"),
        "page-up": ("Страница вверх", "Прокрутить статью на страницу вверх"),
        "follow-link": ("Ссылка", "Введите номер ссылки и нажмите Enter"),
        "link-number": ("Ссылка №", "Наберите номер ссылки, затем Enter"),
        "toggle-related": ("Панель ссылок", "Показать или скрыть панель ссылок"),
        "down": ("Вниз", "Перейти ниже"),
        "up": ("Вверх", "Перейти выше"),
        "top": ("В начало", "Перейти в начало"),
        "bottom": ("В конец", "Перейти в конец"),
        "open": ("Открыть", "Открыть выбранное"),
        "previous-day": ("Предыдущий день", "Показать новости предыдущего дня"),
        "close": ("Закрыть", "Закрыть это окно"),
        "clear-filter": ("Очистить", "Убрать фильтр и показать все заголовки"),
        "palette": ("Команды", "Поиск среди всех команд читалки"),
        "edition": ("Версия", "Сменить версию: 1 украинская, 2 русская, 3 английская"),
        "link-follow": ("Перейти", "Перейти по ссылке с набранным номером"),
        "link-cancel": ("Отмена", "Забыть набранный номер"),
        "toggle-read": ("Прочитано", "Отметить выбранную новость прочитанной или непрочитанной"),
        "mark-all-read": ("Всё прочитано", "Отметить все заголовки списка прочитанными"),
        "bookmark": (
            "Сохранить",
            "Сохранить выбранную новость или убрать из сохранённых; сохранённые читаются и офлайн",
        ),
        "saved": ("Сохранённые", "Показать сохранённые новости"),
        "history": ("История", "Показать открытые статьи со временем открытия"),
        "search": ("Поиск", "Искать в загруженных статьях всех версий"),
        "jump-day": ("День", "Показать новости определённого дня"),
        "article-tags": ("Теги", "Открыть список одного из тегов статьи в этой версии"),
        "day-before": ("День раньше", "Перейти к предыдущему дню"),
        "day-after": ("День позже", "Перейти к следующему дню"),
        "search-results": ("Результаты", "Перейти к результатам"),
        "search-edition": ("Версия", "Искать во всех версиях или в одной"),
        "compare": ("Сравнить", "Показать статью и другую её версию рядом"),
        "export": ("Экспорт", "Записать статью (в сравнении: обе версии) в файл Markdown"),
        "compare-edition": (
            "Вторая версия",
            "Выбрать версию справа: 1 украинская, 2 русская, 3 английская",
        ),
        "compare-uk": ("Укр", "Сравнить с украинской версией"),
        "compare-ru": ("Рус", "Сравнить с русской версией"),
        "compare-en": ("Eng", "Сравнить с английской версией"),
        "compare-close": ("Закрыть", "Закрыть сравнение и вернуться к статье"),
    },
}

TEXTS: dict[Edition, dict[str, str]] = {
    EN: {
        "app_name": "Pravda Reader",
        "no_article": "Select a headline and press Enter to read it.",
        "updated": "updated {time}",
        "offline": "offline",
        "new_items": "+{count} new",
        "loading": "loading…",
        "empty_list": "No headlines.",
        "no_matches": "Nothing matches the filter.",
        "filter_placeholder": "Filter headlines (Enter: keep, Esc: clear)",
        "tag_list": "Tag: {name}",
        "day_list": "News of {day}",
        "other_editions": "also in",
        "image": "Image",
        "tags": "Tags",
        "more_on": "More on {name}",
        "link_prompt": "link № {number}▏ Enter: follow, Esc: cancel",
        "help_title": "Keys",
        "help_pane": "This pane",
        "help_app": "Everywhere",
        "help_intro": (
            "Pravda Reader shows the recent news of Ukrainska Pravda. Keys marked for this pane "
            "work while it has the focus; the others work everywhere."
        ),
        "help_close": "Esc, q or ? closes this window.",
        "pane_list": "News list",
        "pane_article": "Article",
        "pane_related": "Related",
        # messages
        "no_translation": "This story has no {language} version; showing the {language} news.",
        "no_such_link": "There is no link {number}.",
        "nothing_back": "Nothing to go back to.",
        "nothing_forward": "Nothing to go forward to.",
        "copied": "Link copied: {url}",
        "opened_browser": "Opened in the browser: {url}",
        "opened_external": "Leaving the site: opened {url} in the browser",
        "not_web": "Only web addresses (http, https) open in the browser: {url}",
        "nothing_selected": "Select a headline or open an article first.",
        "offline_copy": "Showing the offline copy: {reason}. Press {refresh} to try again.",
        "load_failed": "Could not load the page: {reason}. {next}",
        "next_retry": "Press {refresh} to try again.",
        "next_browser": "Press {refresh} to try again or {browser} to open it in the browser.",
        "next_back": "Press {back} to go back.",
        "next_online": "Start the reader without --offline to load it.",
        "no_store": "Working without an offline copy: {reason}",
        "config_problem": "Settings: {problem}",
        "unexpected": "Something went wrong: {reason}. The reader keeps running.",
        # reasons (the FetchError classes)
        "err_refused": "the site refused the request (HTTP 403)",
        "err_not_found": "no such page (HTTP {status})",
        "err_rate_limited": "the site asks to slow down (HTTP 429)",
        "err_server": "the site is having trouble (HTTP {status})",
        "err_status": "the site answered HTTP {status} instead of a page",
        "err_timeout": "the site took too long to answer",
        "err_network": "no connection to the site",
        "err_broken": "the site's answer was broken (a redirect loop or damaged data)",
        "err_too_large": "the page is too large",
        "err_invalid": "not a web address the reader can fetch",
        "err_not_stored": "it is not in the offline copy",
        "err_unreadable": "the site sent something that is not the page",
        "err_other": "{message}",
        "commands_group_nav": "Navigate",
        "commands_group_edition": "Edition",
        "commands_group_page": "Page",
        "commands_group_app": "App",
        "commands_group_reading": "Reading",
        "saved_title": "Saved",
        "history_title": "History",
        "saved_empty": (
            "Nothing saved yet: press {press} on a headline or in an article to save it."
        ),
        "history_empty": "No article opened yet.",
        "earlier": "▾ {day}: earlier news",
        "earlier_loading": "↻ {day}: loading…",
        "earlier_failed": "✗ {day}: {reason}. Enter: try again",
        "marked_read": "Marked as read.",
        "marked_unread": "Marked as unread.",
        "all_read": "Marked as read: {count}.",
        "bookmarked": "Saved, and readable offline: {title}",
        "unbookmarked": "Taken out of Saved: {title}",
        "state_failed": "The reading state was not written: {reason}",
        "no_state": "Read marks, Saved and History are off: {reason}",
        "important_new": "Important: {title}",
        "search_title": "Search",
        "search_placeholder": "Words to find in the stored articles",
        "search_hint": "Enter or ↓: the results · Enter: open · ^t: edition · Esc: close",
        "search_all_editions": "In every edition",
        "search_one_edition": "In {edition} only",
        "search_found": "Found: {count}",
        "search_none": (
            "Nothing found. Stored articles: {stored} (articles are stored as they are read)."
        ),
        "search_indexing": "indexing the stored articles…",
        "search_off": "Search is off: {reason}",
        "day_title": "Go to a day",
        "day_hint": (
            "27.11.2025, 27.11, 2025-11-27 or -1 (yesterday) · ↑ ↓ the day before, after"
            " · Enter: go · Esc: cancel"
        ),
        "day_bad": "Not a day: {text}",
        "day_future": "{day} has not come yet.",
        "tags_title": "Tags of the article",
        "tags_hint": "Enter: the tag's list in this edition · Esc: close",
        "no_tags": "This article has no tags.",
        "open_article_first": "Open an article first.",
        "commands_group_compare": "Compare",
        "pane_compare": "Compare editions",
        "only_in": "only in {edition}",
        "compare_no_article": "Open an article first to compare its editions.",
        "compare_none": "This story has no other edition to compare with.",
        "compare_missing": "This story has no {language} version.",
        "compare_same": "{edition} is already on the left: choose another edition.",
        "compare_failed": "Could not load the other edition: {reason}.",
        "exported": "Exported to {path}",
        "export_failed": "Could not export: {reason}",
        "nothing_to_export": "Open an article first to export it.",
    },
    UK: {
        "app_name": "Читалка Правди",
        "no_article": "Виберіть заголовок і натисніть Enter, щоб читати.",
        "updated": "оновлено {time}",
        "offline": "офлайн",
        "new_items": "+{count} нових",
        "loading": "завантаження…",
        "empty_list": "Немає заголовків.",
        "no_matches": "Нічого не відповідає фільтру.",
        "filter_placeholder": "Фільтр заголовків (Enter: залишити, Esc: очистити)",
        "tag_list": "Тег: {name}",
        "day_list": "Новини за {day}",
        "other_editions": "є також",
        "image": "Зображення",
        "tags": "Теги",
        "more_on": "Більше на тему «{name}»",
        "link_prompt": "посилання № {number}▏ Enter: перейти, Esc: скасувати",
        "help_title": "Клавіші",
        "help_pane": "Ця панель",
        "help_app": "Усюди",
        "help_intro": (
            "Читалка показує останні новини «Української правди». Клавіші цієї панелі діють, "
            "коли вона активна; решта діють усюди."
        ),
        "help_close": "Esc, q або ? закривають це вікно.",
        "pane_list": "Список новин",
        "pane_article": "Стаття",
        "pane_related": "За темою",
        "no_translation": "Цієї новини немає {language_in}; показано новини {language_of}.",
        "no_such_link": "Немає посилання {number}.",
        "nothing_back": "Назад іти нікуди.",
        "nothing_forward": "Вперед іти нікуди.",
        "copied": "Посилання скопійовано: {url}",
        "opened_browser": "Відкрито у браузері: {url}",
        "opened_external": "Це інший сайт: {url} відкрито у браузері",
        "not_web": "У браузері відкриваються лише вебадреси (http, https): {url}",
        "nothing_selected": "Спершу виберіть заголовок або відкрийте статтю.",
        "offline_copy": (
            "Показано збережену копію: {reason}. Натисніть {refresh}, щоб спробувати ще."
        ),
        "load_failed": "Не вдалося завантажити сторінку: {reason}. {next}",
        "next_retry": "Натисніть {refresh}, щоб спробувати ще.",
        "next_browser": (
            "Натисніть {refresh}, щоб спробувати ще, або {browser}, щоб відкрити у браузері."
        ),
        "next_back": "Натисніть {back}, щоб повернутися.",
        "next_online": "Запустіть читалку без --offline, щоб завантажити її.",
        "no_store": "Працюю без збережених копій: {reason}",
        "config_problem": "Налаштування: {problem}",
        "unexpected": "Щось пішло не так: {reason}. Читалка працює далі.",
        "err_refused": "сайт відхилив запит (HTTP 403)",
        "err_not_found": "такої сторінки немає (HTTP {status})",
        "err_rate_limited": "сайт просить не поспішати (HTTP 429)",
        "err_server": "у сайту проблеми (HTTP {status})",
        "err_status": "сайт відповів HTTP {status} замість сторінки",
        "err_timeout": "сайт надто довго не відповідав",
        "err_network": "немає зв'язку з сайтом",
        "err_broken": "відповідь сайту зіпсована (переадресація по колу або пошкоджені дані)",
        "err_too_large": "сторінка завелика",
        "err_invalid": "це не вебадреса, яку читалка може завантажити",
        "err_not_stored": "її немає серед збережених копій",
        "err_unreadable": "сайт надіслав щось інше, ніж сторінку",
        "err_other": "{message}",
        "commands_group_nav": "Навігація",
        "commands_group_edition": "Версія",
        "commands_group_page": "Сторінка",
        "commands_group_app": "Програма",
        "commands_group_reading": "Читання",
        "saved_title": "Збережені",
        "history_title": "Історія",
        "saved_empty": (
            "Ще нічого не збережено: натисніть {press} на заголовку або в статті, щоб зберегти."
        ),
        "history_empty": "Ще не відкрито жодної статті.",
        "earlier": "▾ {day}: раніші новини",
        "earlier_loading": "↻ {day}: завантаження…",
        "earlier_failed": "✗ {day}: {reason}. Enter: спробувати ще",
        "marked_read": "Позначено прочитаним.",
        "marked_unread": "Позначено непрочитаним.",
        "all_read": "Позначено прочитаними: {count}.",
        "bookmarked": "Збережено, читатиметься й офлайн: {title}",
        "unbookmarked": "Прибрано зі збережених: {title}",
        "state_failed": "Стан читання не записано: {reason}",
        "no_state": "Позначки прочитаного, збережені та історія вимкнені: {reason}",
        "important_new": "Важливо: {title}",
        "search_title": "Пошук",
        "search_placeholder": "Слова, які шукати в завантажених статтях",
        "search_hint": "Enter або ↓: результати · Enter: відкрити · ^t: версія · Esc: закрити",
        "search_all_editions": "В усіх версіях",
        "search_one_edition": "Лише {edition}",
        "search_found": "Знайдено: {count}",
        "search_none": (
            "Нічого не знайдено. Завантажених статей: {stored} (статті зберігаються,"
            " коли їх читають)."
        ),
        "search_indexing": "індексую завантажені статті…",
        "search_off": "Пошук вимкнено: {reason}",
        "day_title": "Перейти до дня",
        "day_hint": (
            "27.11.2025, 27.11, 2025-11-27 або -1 (учора) · ↑ ↓ день раніше, пізніше"
            " · Enter: перейти · Esc: скасувати"
        ),
        "day_bad": "Це не день: {text}",
        "day_future": "{day} ще не настало.",
        "tags_title": "Теги статті",
        "tags_hint": "Enter: список тегу в цій версії · Esc: закрити",
        "no_tags": "У цієї статті немає тегів.",
        "open_article_first": "Спершу відкрийте статтю.",
        "commands_group_compare": "Порівняння",
        "pane_compare": "Порівняння версій",
        "only_in": "лише в {edition}",
        "compare_no_article": "Спершу відкрийте статтю, щоб порівняти її версії.",
        "compare_none": "Цієї новини немає іншими мовами: порівнювати нема з чим.",
        "compare_missing": "Цієї новини немає {language_in}.",
        "compare_same": "{edition} вже ліворуч: виберіть іншу версію.",
        "compare_failed": "Не вдалося завантажити іншу версію: {reason}.",
        "exported": "Експортовано в {path}",
        "export_failed": "Не вдалося експортувати: {reason}",
        "nothing_to_export": "Спершу відкрийте статтю, щоб експортувати її.",
    },
    RU: {
        "app_name": "Читалка Правды",
        "no_article": "Выберите заголовок и нажмите Enter, чтобы читать.",
        "updated": "обновлено {time}",
        "offline": "офлайн",
        "new_items": "+{count} новых",
        "loading": "загрузка…",
        "empty_list": "Нет заголовков.",
        "no_matches": "Ничего не подходит под фильтр.",
        "filter_placeholder": "Фильтр заголовков (Enter: оставить, Esc: очистить)",
        "tag_list": "Тег: {name}",
        "day_list": "Новости за {day}",
        "other_editions": "есть также",
        "image": "Изображение",
        "tags": "Теги",
        "more_on": "Больше по теме «{name}»",
        "link_prompt": "ссылка № {number}▏ Enter: перейти, Esc: отмена",
        "help_title": "Клавиши",
        "help_pane": "Эта панель",
        "help_app": "Везде",
        "help_intro": (
            "Читалка показывает последние новости «Украинской правды». Клавиши этой панели "
            "действуют, когда она активна; остальные действуют везде."
        ),
        "help_close": "Esc, q или ? закрывают это окно.",
        "pane_list": "Список новостей",
        "pane_article": "Статья",
        "pane_related": "По теме",
        "no_translation": "Этой новости нет {language_in}; показаны новости {language_of}.",
        "no_such_link": "Нет ссылки {number}.",
        "nothing_back": "Назад идти некуда.",
        "nothing_forward": "Вперёд идти некуда.",
        "copied": "Ссылка скопирована: {url}",
        "opened_browser": "Открыто в браузере: {url}",
        "opened_external": "Это другой сайт: {url} открыт в браузере",
        "not_web": "В браузере открываются только веб-адреса (http, https): {url}",
        "nothing_selected": "Сначала выберите заголовок или откройте статью.",
        "offline_copy": "Показана сохранённая копия: {reason}. Нажмите {refresh}, чтобы повторить.",
        "load_failed": "Не удалось загрузить страницу: {reason}. {next}",
        "next_retry": "Нажмите {refresh}, чтобы повторить.",
        "next_browser": (
            "Нажмите {refresh}, чтобы повторить, или {browser}, чтобы открыть в браузере."
        ),
        "next_back": "Нажмите {back}, чтобы вернуться.",
        "next_online": "Запустите читалку без --offline, чтобы загрузить её.",
        "no_store": "Работаю без сохранённых копий: {reason}",
        "config_problem": "Настройки: {problem}",
        "unexpected": "Что-то пошло не так: {reason}. Читалка работает дальше.",
        "err_refused": "сайт отклонил запрос (HTTP 403)",
        "err_not_found": "такой страницы нет (HTTP {status})",
        "err_rate_limited": "сайт просит не спешить (HTTP 429)",
        "err_server": "у сайта проблемы (HTTP {status})",
        "err_status": "сайт ответил HTTP {status} вместо страницы",
        "err_timeout": "сайт слишком долго не отвечал",
        "err_network": "нет связи с сайтом",
        "err_broken": "ответ сайта испорчен (переадресация по кругу или повреждённые данные)",
        "err_too_large": "страница слишком большая",
        "err_invalid": "это не веб-адрес, который читалка может загрузить",
        "err_not_stored": "её нет среди сохранённых копий",
        "err_unreadable": "сайт прислал что-то другое, а не страницу",
        "err_other": "{message}",
        "commands_group_nav": "Навигация",
        "commands_group_edition": "Версия",
        "commands_group_page": "Страница",
        "commands_group_app": "Программа",
        "commands_group_reading": "Чтение",
        "saved_title": "Сохранённые",
        "history_title": "История",
        "saved_empty": (
            "Пока ничего не сохранено: нажмите {press} на заголовке или в статье, чтобы сохранить."
        ),
        "history_empty": "Пока не открыто ни одной статьи.",
        "earlier": "▾ {day}: более ранние новости",
        "earlier_loading": "↻ {day}: загрузка…",
        "earlier_failed": "✗ {day}: {reason}. Enter: повторить",
        "marked_read": "Отмечено прочитанным.",
        "marked_unread": "Отмечено непрочитанным.",
        "all_read": "Отмечено прочитанными: {count}.",
        "bookmarked": "Сохранено, будет доступно и офлайн: {title}",
        "unbookmarked": "Убрано из сохранённых: {title}",
        "state_failed": "Состояние чтения не записано: {reason}",
        "no_state": "Отметки прочитанного, сохранённые и история отключены: {reason}",
        "important_new": "Важно: {title}",
        "search_title": "Поиск",
        "search_placeholder": "Слова для поиска в загруженных статьях",
        "search_hint": "Enter или ↓: результаты · Enter: открыть · ^t: версия · Esc: закрыть",
        "search_all_editions": "Во всех версиях",
        "search_one_edition": "Только {edition}",
        "search_found": "Найдено: {count}",
        "search_none": (
            "Ничего не найдено. Загруженных статей: {stored} (статьи сохраняются, когда их читают)."
        ),
        "search_indexing": "индексирую загруженные статьи…",
        "search_off": "Поиск отключён: {reason}",
        "day_title": "Перейти к дню",
        "day_hint": (
            "27.11.2025, 27.11, 2025-11-27 или -1 (вчера) · ↑ ↓ день раньше, позже"
            " · Enter: перейти · Esc: отмена"
        ),
        "day_bad": "Это не день: {text}",
        "day_future": "{day} ещё не наступило.",
        "tags_title": "Теги статьи",
        "tags_hint": "Enter: список тега в этой версии · Esc: закрыть",
        "no_tags": "У этой статьи нет тегов.",
        "open_article_first": "Сначала откройте статью.",
        "commands_group_compare": "Сравнение",
        "pane_compare": "Сравнение версий",
        "only_in": "только в {edition}",
        "compare_no_article": "Сначала откройте статью, чтобы сравнить её версии.",
        "compare_none": "Этой новости нет на других языках: сравнивать не с чем.",
        "compare_missing": "Этой новости нет {language_in}.",
        "compare_same": "{edition} уже слева: выберите другую версию.",
        "compare_failed": "Не удалось загрузить другую версию: {reason}.",
        "exported": "Экспортировано в {path}",
        "export_failed": "Не удалось экспортировать: {reason}",
        "nothing_to_export": "Сначала откройте статью, чтобы экспортировать её.",
    },
}

# How each interface language names an edition in a sentence: "the Ukrainian version" (en),
# "українською" / "новини українською" (uk), "на украинском" (ru).
LANGUAGE_NAMES: dict[Edition, dict[Edition, dict[str, str]]] = {
    EN: {
        UK: {"language": "Ukrainian"},
        RU: {"language": "Russian"},
        EN: {"language": "English"},
    },
    UK: {
        UK: {"language_in": "українською", "language_of": "українською"},
        RU: {"language_in": "російською", "language_of": "російською"},
        EN: {"language_in": "англійською", "language_of": "англійською"},
    },
    RU: {
        UK: {"language_in": "на украинском", "language_of": "на украинском"},
        RU: {"language_in": "на русском", "language_of": "на русском"},
        EN: {"language_in": "на английском", "language_of": "на английском"},
    },
}


def tr(lang: Edition, key: str, **values: object) -> str:
    """The text `key` in `lang`, with `values` filled in."""
    template = TEXTS[lang].get(key) or TEXTS[EN][key]
    return template.format(**values) if values else template


def label(lang: Edition, key: str) -> str:
    """A site word from `reader.site.editions.LABELS` ("recent_news", "related", ...)."""
    return LABELS[lang].get(key) or LABELS[EN][key]


def key_text(lang: Edition, binding_id: str | None, fallback: str = "") -> tuple[str, str]:
    """(description, tooltip) of a binding in `lang`."""
    if binding_id is None:
        return fallback, ""
    found = KEYS[lang].get(binding_id) or KEYS[EN].get(binding_id)
    return found if found is not None else (fallback, "")


def language_words(lang: Edition, edition: Edition) -> dict[str, str]:
    """Template values naming `edition` in a sentence of `lang`."""
    return LANGUAGE_NAMES[lang][edition]


def format_day(lang: Edition, day: date) -> str:
    """ "23 August 2025" with the month as the site prints it in `lang`."""
    return f"{day.day} {MONTHS_GENITIVE[lang][day.month - 1]} {day.year}"


def format_datetime(lang: Edition, moment: datetime) -> str:
    """ "23 August 2025, 11:07"."""
    return f"{format_day(lang, moment.date())}, {moment:%H:%M}"


def error_reason(lang: Edition, error: FetchError) -> str:
    """Why a page could not be loaded, as a phrase in `lang`."""
    status = error.status
    key = "err_other"
    if isinstance(error, NotStored):
        key = "err_not_stored"
    elif isinstance(error, Unreadable):
        key = "err_unreadable"
    elif isinstance(error, Refused):
        key = "err_refused"
    elif isinstance(error, NotFound):
        key = "err_not_found"
    elif isinstance(error, RateLimited):
        key = "err_rate_limited"
    elif isinstance(error, ServerError):
        key = "err_server"
    elif isinstance(error, UnexpectedStatus):
        key = "err_status"
    elif isinstance(error, Timeout):
        key = "err_timeout"
    elif isinstance(error, NetworkError):
        # Connected, but the answer is unusable (a redirect loop...): no retry will mend it.
        key = "err_network" if error.retryable else "err_broken"
    elif isinstance(error, TooLarge):
        key = "err_too_large"
    elif isinstance(error, InvalidUrl):
        key = "err_invalid"
    return tr(lang, key, status=status, message=error.message)


def next_step_key(error: FetchError, offline: bool) -> str:
    """Which advice follows an error: retry, open in the browser, go back, go online."""
    if isinstance(error, NotStored) or offline:
        return "next_online"
    if isinstance(error, NotFound | InvalidUrl):
        return "next_back"
    if isinstance(error, Refused | Unreadable | TooLarge | UnexpectedStatus):
        return "next_browser"
    if isinstance(error, NetworkError) and not error.retryable:
        return "next_browser"
    return "next_retry"
