from gofal.casework.tests.fixtures import (  # noqa: F401  (fixtures, found by name)
    allocation,
    child,
    involvement,
    manager,
    team,
    worker,
)
