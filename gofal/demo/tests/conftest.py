from gofal.casework.tests.fixtures import (  # noqa: F401  (fixtures, found by name)
    child,
    team,
    worker,
)
