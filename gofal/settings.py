"""Gofal settings: one module, driven by environment variables (see .env.tpl and README)."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("GOFAL_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("GOFAL_DEBUG", False)
SECRET_KEY = os.environ.get("GOFAL_SECRET_KEY", "gofal-development-key-not-for-production")
ALLOWED_HOSTS = os.environ.get("GOFAL_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("GOFAL_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rules.apps.AutodiscoverRulesConfig",
    "template_partials",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "gofal.ui",
    "gofal.authorities",
    "gofal.audit",
    "gofal.people",
    "gofal.timescales",
    "gofal.casework",
    "gofal.risk",
    "gofal.assessments",
    "gofal.planning",
    "gofal.early_help",
    "gofal.quality",
    "gofal.front_door",
    "gofal.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Renews a signed-in session at most once a minute, instead of saving it on every request.
    "gofal.authorities.middleware.SessionRenewalMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "gofal.authorities.middleware.CurrentAuthorityMiddleware",
    # Inside the council's transaction: a request's reads are audited in one insert at its end,
    # so the audit chain's lock is held for milliseconds (ADR 10).
    "gofal.audit.middleware.DeferredReadAuditMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
]

ROOT_URLCONF = "gofal.urls"
WSGI_APPLICATION = "gofal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gofal.ui.context_processors.gofal",
            ],
            "builtins": ["gofal.ui.templatetags.gofal_ui"],
        },
    }
]

# Database: DATABASE_URL selects; with none, a SQLite file under var/ in WAL mode.
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'gofal.sqlite3'}",
        conn_max_age=int(os.environ.get("GOFAL_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            " PRAGMA busy_timeout=10000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-gofal.sqlite3")}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: Gofal's queries are short, but row-level security makes the planner's
    # cost estimates pessimistic, so PostgreSQL would compile some of them to machine code on
    # every execution (206 ms of a 265 ms query on the front door contact page at large size).
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = (options.get("options", "") + " -c jit=off").strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

FORM_RENDERER = "gofal.ui.forms.GovFormRenderer"
AUTH_USER_MODEL = "authorities.User"
LOGIN_URL = "authorities:login"
LOGIN_REDIRECT_URL = "ui:home"
LOGOUT_REDIRECT_URL = "authorities:login"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "gofal.authorities.backends.PasswordBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
PASSWORD_HASHERS = (
    ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if env_bool("GOFAL_FAST_PASSWORDS", False)
    else ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
)
# How long a session lasts without activity; renewed while used, at most once a minute
# (gofal.authorities.middleware.SessionRenewalMiddleware).
SESSION_COOKIE_AGE = int(os.environ.get("GOFAL_SESSION_SECONDS", str(60 * 60 * 8)))

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en", "English"), ("cy", "Cymraeg")]
LANGUAGE_COOKIE_NAME = "gofal_language"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    ("govuk", NODE_MODULES / "govuk-frontend" / "dist" / "govuk"),
    ("moj", NODE_MODULES / "@ministryofjustice" / "frontend" / "moj"),
    ("htmx", NODE_MODULES / "htmx.org" / "dist"),
]
# GOV.UK Frontend's compiled CSS asks for fonts and images at /assets/.
WHITENOISE_ROOT = NODE_MODULES / "govuk-frontend" / "dist" / "govuk"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

MEDIA_ROOT = Path(os.environ.get("GOFAL_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
GOFAL_UPLOAD_MAX_BYTES = int(os.environ.get("GOFAL_UPLOAD_MAX_BYTES", str(20 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_BACKEND = os.environ.get(
    "GOFAL_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
# Where the file-based email backend (which `make demo` uses) writes each email it sends.
EMAIL_FILE_PATH = Path(os.environ.get("GOFAL_EMAIL_FILE_PATH", VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = os.environ.get("GOFAL_FROM_EMAIL", "gofal@example.invalid")

TASKS = {
    "default": {
        "BACKEND": os.environ.get("GOFAL_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("GOFAL_LOG_LEVEL", "WARNING")},
}

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("GOFAL_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
