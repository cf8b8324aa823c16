from PySide6.QtCore import Qt

from kiosk.ui.state import DISPLAY_ROLE, FIRST_OWN_ROLE, PERSON_ROLES, PeopleModel


def test_the_roles_written_by_value_are_qts_own():
    assert DISPLAY_ROLE == Qt.ItemDataRole.DisplayRole
    assert FIRST_OWN_ROLE == Qt.ItemDataRole.UserRole


def test_people_model_passes_qt_model_checks(qtmodeltester, config):
    model = PeopleModel(config, "sv")
    qtmodeltester.check(model)


def test_people_model_follows_the_language(qtbot, config):
    model = PeopleModel(config, "sv")
    role = model.roleNames()
    role_of = {bytes(name).decode(): key for key, name in role.items()}
    assert set(role_of) == set(PERSON_ROLES) == set(model.row(0)), "roles and person texts differ"
    index = model.index(0)
    assert model.data(index, role_of["role"]) == config.content.people[0].role["sv"]
    with qtbot.waitSignal(model.dataChanged):
        model.set_language("en")
    assert model.data(index, role_of["role"]) == config.content.people[0].role["en"]
