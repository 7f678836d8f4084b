import factory

from gofal.authorities.tests.factories import AuthorityFactory
from gofal.early_help.models import FundingSource, Service


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    authority = factory.SubFactory(AuthorityFactory)
    name_en = factory.Sequence(lambda n: f"Family support group {n}")
    name_cy = factory.Sequence(lambda n: f"Grŵp cymorth teuluoedd {n}")
    description_en = "Weekly group for parents of young children."
    description_cy = "Grŵp wythnosol i rieni plant ifanc."
    provider = "Families First"
    eligibility = "Families with children under 11"
    area = "Whole county"
    contact = "01495 000000"
    funding_source = FundingSource.FAMILIES_FIRST
    funding_ends_on = None
