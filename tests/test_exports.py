"""The public face: ``goalkit.__all__`` is exactly what is public, and all of it exists.

Adding a public name is a decision: add it here too (httpx ``test_exported_members.py``).
"""

from __future__ import annotations

import goalkit
import goalkit.plugins
import goalkit.testing
import goalkit.testing.strategies

EXPECTED = {
    # errors
    "GoalkitError", "GoalFileError", "DataError", "DataValidationError", "PluginError",
    "DuplicateRegistrationError", "UnknownNameError", "EvaluationError",
    # the model
    "Project", "Goal", "Target", "Level", "Period", "ReportingDate", "ReportKind",
    "TargetGroup", "Budget", "BudgetLine", "Text", "Filter", "Condition",
    "Indicator", "PersonIndicator", "CompositeIndicator", "AggregateIndicator",
    "State", "Tally", "Summary", "GoalContext", "Person", "Frames", "Unit",
    "Participant", "Event", "Response", "Measurement", "Assessment", "Verdict",
    "Status", "GoalResult", "Report", "Cell", "DataIssue", "DataSummary", "Members",
    # the built-in kinds
    "Count", "Share", "Balance", "SurveyShare", "PairedChange", "MeanChange", "EventWithin",
    "StatusAt", "TimeToEvent", "Ratio", "CostPerOutcome", "Reported", "Assessed",
    # data, goal files, evaluation, reports, plugins
    "SCHEMA", "Dataset", "load_goals", "loads_goals", "dump_goals", "dumps_goals",
    "evaluate", "report_to_json", "report_from_json", "make_plugin_manager", "__version__",
}


def test_all_is_the_public_face() -> None:
    """``goalkit.__all__`` lists exactly the expected names, once each, and each exists."""
    assert set(goalkit.__all__) == EXPECTED
    assert len(goalkit.__all__) == len(set(goalkit.__all__))
    assert all(hasattr(goalkit, name) for name in goalkit.__all__)


def test_public_names_are_not_private_modules() -> None:
    """No public name is a private module or leaks an underscore name."""
    assert not [n for n in goalkit.__all__ if n.startswith("_") and n != "__version__"]


def test_plugin_and_testing_faces() -> None:
    """The plugin system and the kit for plugin authors export what their docs name."""
    assert set(goalkit.plugins.__all__) == {
        "ENTRY_POINT_GROUP", "Entry", "PluginExample", "PluginFailure", "PluginHost",
        "PluginInfo", "ProjectPlugin", "Registry", "hookimpl", "hookspec",
        "load_data", "load_project", "make_plugin_manager", "packaged_project",
    }
    assert set(goalkit.testing.__all__) == {
        "ExampleResult", "assert_plugin_valid", "check_goal_texts", "check_plugin",
        "executors_disagree", "plugin_host", "random_data", "run_examples",
    }
    assert set(goalkit.testing.strategies.__all__) == {
        "ImpossibleStatusError", "datasets", "people_counts", "random_data",
    }
    for module in (goalkit.plugins, goalkit.testing, goalkit.testing.strategies):
        assert all(hasattr(module, name) for name in module.__all__)
