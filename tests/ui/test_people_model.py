from kiosk.ui.state import PERSON_ROLES, PeopleModel


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
