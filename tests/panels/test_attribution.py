"""The attribution vocabulary: plain Python enums whose values are stored data, read by the models as choices."""

import pytest

from panels.attribution import ALL_ACTOR_KINDS_MASK, ActorKind, Extent, Scope, Stance
from panels.models import Intervention


def test_actor_kind_bits_never_change():
    assert {kind.name: kind.value for kind in ActorKind} == {
        "PANELIST": 1,
        "PARTICIPANT": 2,
        "MEMBER_STATE": 4,
        "CHAIR": 8,
        "KEYNOTE": 16,
        "SECRETARIAT": 32,
        "MODERATOR": 64,
        "MEETING": 128,
    }
    assert ALL_ACTOR_KINDS_MASK == 255
    assert ActorKind.decompose(ActorKind.PANELIST | ActorKind.CHAIR) == [ActorKind.PANELIST, ActorKind.CHAIR]
    assert ActorKind.from_slug("member-state") is ActorKind.MEMBER_STATE
    assert ActorKind.MEMBER_STATE.slug == "member-state"


@pytest.mark.parametrize(("field", "vocabulary"), [("extent", Extent), ("stance", Stance), ("scope", Scope)])
def test_the_model_choices_are_built_from_the_enums(field, vocabulary):
    choices = Intervention._meta.get_field(field).choices
    assert choices == [(member.value, member.label) for member in vocabulary]
    # Plain strings, as migrations write them and the database stores them.
    assert all(type(value) is str for value, _ in choices)


def test_the_actor_kinds_form_field_offers_every_kind():
    form_field = Intervention._meta.get_field("actor_kinds").formfield()
    assert form_field.choices == [(kind.value, kind.label) for kind in ActorKind]


def test_a_member_is_its_value_in_comparisons_and_displays():
    intervention = Intervention(extent="general-consensus", stance=Stance.URGED, scope=Scope.WHOLE)
    assert intervention.extent == Extent.GENERAL_CONSENSUS
    assert intervention.get_extent_display() == "General consensus"
    assert intervention.get_stance_display() == "Urged"
    assert intervention.get_scope_display() == Scope.WHOLE.label == "Human security as a whole"
    assert f"{Stance.URGED}" == "urged"
    assert str(ActorKind.CHAIR) == "8"
