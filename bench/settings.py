"""Settings for benchmark runs only: Gofal's settings plus the timing middleware.

Selected by the environment (`DJANGO_SETTINGS_MODULE=bench.settings`, which `bench/run.py`
sets for the server it starts); nothing in the product imports this module.
"""

from gofal.settings import *  # noqa: F403
from gofal.settings import MIDDLEWARE

# First, so the time covers every other middleware (sessions, authentication, council) too.
MIDDLEWARE = ["bench.middleware.ServerTimingMiddleware", *MIDDLEWARE]
