"""Configuration: discovery, precedence, validation and `reviewer config show`."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from reviewer.cli import build_parser, main
from reviewer.commands.common import overrides
from reviewer.config import ConfigError, defaults, file_layer, find_config, user_config
from reviewer.formats import Format
from reviewer.settings import Settings, resolve


def args_for(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(["check", "doc.txt", *argv])


def settings_for(*argv: str, cwd: Path | None = None) -> Settings:
    """What `reviewer check doc.txt ARGV...` would use in the folder `cwd`."""
    args = args_for(*argv)
    return resolve(overrides(args), file_layer(args.config_file, not args.no_config, cwd))


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def show(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["config", "show", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_shipped_defaults_pass_the_schema() -> None:
    values = defaults()
    assert values["language"] == "en"  # each document's own variant
    assert values["include"] == ["*.txt", "*.md", "*.html", "*.xlf", "*.xliff", "*.po"]
    assert values["fail_on"] == "major"
    assert "format" not in values  # so GITHUB_ACTIONS can pick the default format


def test_reviewer_toml_is_found_from_a_subfolder(tmp_path: Path) -> None:
    cfg = write(tmp_path / "reviewer.toml", 'language = "en-GB"\n')
    deep = tmp_path / "docs" / "ru"
    deep.mkdir(parents=True)
    assert find_config(deep) == cfg


def test_pyproject_counts_only_with_a_tool_reviewer_table(tmp_path: Path) -> None:
    outer = write(tmp_path / "pyproject.toml", '[tool.reviewer]\nlanguage = "en-GB"\n')
    write(tmp_path / "pkg" / "pyproject.toml", '[project]\nname = "pkg"\n')
    assert find_config(tmp_path / "pkg") == outer


def test_reviewer_toml_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.reviewer]\nlanguage = "en-GB"\n')
    cfg = write(tmp_path / "reviewer.toml", "picky = true\n")
    assert find_config(tmp_path) == cfg


def test_dot_reviewer_toml_is_found_like_reviewer_toml(tmp_path: Path) -> None:
    hidden = write(tmp_path / ".reviewer.toml", 'language = "en-GB"\n')
    write(tmp_path / "pyproject.toml", '[tool.reviewer]\nlanguage = "en-US"\n')
    assert find_config(tmp_path) == hidden  # before the pyproject.toml beside it
    assert settings_for(cwd=tmp_path).origins["language"] == str(hidden)
    shown = write(tmp_path / "reviewer.toml", "picky = true\n")
    assert find_config(tmp_path) == shown  # the visible name first, as before


def test_reviewer_config_is_used_where_the_project_has_no_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mine = write(tmp_path / "elsewhere" / "team.toml", 'mother_tongue = "ru"\n')
    project = tmp_path / "project"
    project.mkdir()
    monkeypatch.setenv("REVIEWER_CONFIG", str(mine))
    assert settings_for(cwd=project).origins["mother_tongue"] == str(mine)
    own = write(project / "reviewer.toml", 'mother_tongue = "uk"\n')
    assert settings_for(cwd=project).origins["mother_tongue"] == str(own)  # the project's first


def test_a_missing_reviewer_config_is_one_clear_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REVIEWER_CONFIG", str(tmp_path / "gone.toml"))
    with pytest.raises(ConfigError, match=r"gone.toml: \$REVIEWER_CONFIG: no such file"):
        settings_for(cwd=tmp_path)


def test_the_users_own_file_comes_last(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home-config"))
    assert user_config() == tmp_path / "home-config" / "reviewer" / "reviewer.toml"
    users = write(user_config(), 'language = "en-GB"\npicky = true\n')
    project = tmp_path / "project"
    project.mkdir()
    assert settings_for(cwd=project).origins["language"] == str(users)
    team = write(tmp_path / "team.toml", 'language = "en-US"\n')
    monkeypatch.setenv("REVIEWER_CONFIG", str(team))
    assert settings_for(cwd=project).origins["language"] == str(team)
    write(project / "reviewer.toml", 'language = "en-US"\n')
    assert settings_for(cwd=project).origins["picky"] == "default"  # files are not merged
    assert settings_for("--no-config", cwd=project).origins["language"] == "default"


def test_command_line_beats_file_beats_default(tmp_path: Path) -> None:
    cfg_file = write(tmp_path / "reviewer.toml",
                     'language = "en-GB"\nmother_tongue = "ru"\ndisable = ["FIRST_OF_ALL"]\n')
    s = settings_for("--language", "en-US", "--fail-on", "minor", cwd=tmp_path)
    assert (s.language, s.origins["language"]) == ("en-US", "command line")
    assert (s.mother_tongue, s.origins["mother_tongue"]) == ("ru", str(cfg_file))
    assert (s.disable, s.origins["disable"]) == (("FIRST_OF_ALL",), str(cfg_file))
    assert (s.picky, s.origins["picky"]) == (False, "default")
    assert (s.fail_on, s.origins["fail_on"]) == ("minor", "command line")


def test_a_command_line_list_replaces_the_files_list(tmp_path: Path) -> None:
    write(tmp_path / "reviewer.toml", 'disable = ["FIRST_OF_ALL"]\n')
    assert settings_for("--disable", "EN_A_VS_AN", cwd=tmp_path).disable == ("EN_A_VS_AN",)


def test_no_picky_on_the_command_line_turns_off_a_picky_file(tmp_path: Path) -> None:
    write(tmp_path / "reviewer.toml", "picky = true\n")
    assert settings_for("--no-picky", cwd=tmp_path).picky is False


def test_severity_overrides_and_formats_from_the_file(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", """
[tool.reviewer]
format = ["sarif"]
output = {junit = "out/junit.xml"}
max_density = 2.5

[tool.reviewer.severity]
rules = {EN_A_VS_AN = "critical"}
categories = {STYLE = "minor"}
""")
    s = settings_for(cwd=tmp_path)
    assert s.format == (Format.SARIF,)
    assert s.output == ((Format.JUNIT, "out/junit.xml"),)
    assert s.max_density == 2.5
    severities = s.severities()
    assert severities.severity("EN_A_VS_AN", "GRAMMAR", "grammar").value == "critical"
    assert severities.severity("FIRST_OF_ALL", "STYLE", "style").value == "minor"


def test_no_config_ignores_the_file(tmp_path: Path) -> None:
    write(tmp_path / "reviewer.toml", 'language = "en-GB"\n')
    s = settings_for("--no-config", cwd=tmp_path)
    assert s.file is None and s.language == "en"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("pickyy = true\n", "unknown key 'pickyy' (did you mean 'picky'?)"),
        ('picky = "yes"\n', "key 'picky': expected a boolean (true or false), got string 'yes'"),
        ('accept_words = "Kazbat"\n', "key 'accept_words': expected a list of strings"),
        ('fail_on = "severe"\n', "key 'fail_on': 'severe' is not one of critical, major"),
        ("max_findings = -1\n", "key 'max_findings': expected a whole number, 0 or more"),
        ("[severity.rules]\nEN_A_VS_AN = \"fatal\"\n", "key 'severity.rules': 'fatal' is not"),
        ("[severity]\nrule = {}\n", "unknown key 'severity.rule'"),
        ('ignore_patterns = ["(unclosed"]\n', "key 'ignore_patterns': invalid regular"),
        ('output = {pdf = "x.pdf"}\n', "key 'output': unknown format 'pdf'"),
        ("language = \n", "invalid TOML"),
    ],
)
def test_a_bad_file_is_exit_2_naming_the_file_and_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    text: str, message: str,
) -> None:
    cfg = write(tmp_path / "reviewer.toml", text)
    monkeypatch.chdir(tmp_path)
    code, out, err = show(capsys)
    assert code == 2 and out == ""
    assert err.startswith(f"reviewer: {cfg}: ") and message in err
    assert len(err.strip().splitlines()) == 1
    # `check` refuses it the same way, before reading any document
    assert main(["check", "missing.txt"]) == 2
    assert message in capsys.readouterr().err


def test_keys_in_pyproject_are_named_with_their_table(tmp_path: Path) -> None:
    cfg = write(tmp_path / "pyproject.toml", "[tool.reviewer]\nlanguge = 'en-GB'\n")
    with pytest.raises(ConfigError, match=r"unknown key 'tool.reviewer.languge' \(did you mean "
                                          r"'tool.reviewer.language'\?\)") as info:
        settings_for(cwd=tmp_path)
    assert str(cfg) in str(info.value)


def test_config_names_a_missing_file() -> None:
    with pytest.raises(ConfigError, match="nope.toml: --config: no such file"):
        settings_for("--config", "nope.toml")


def test_config_show_prints_each_value_and_its_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = write(tmp_path / "reviewer.toml",
                'language = "en-GB"\naccept_words = ["Kazbat", "Almaty"]\n'
                '[severity.rules]\nEN_A_VS_AN = "critical"\n')
    monkeypatch.chdir(tmp_path)
    code, out, _ = show(capsys, "--picky", "--fail-on", "minor")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"# configuration file: {cfg}"
    assert f'language = "en-GB"  # {cfg}' in lines
    assert f'accept_words = ["Kazbat", "Almaty"]  # {cfg}' in lines
    assert f'severity.rules = {{EN_A_VS_AN = "critical"}}  # {cfg}' in lines
    assert "picky = true  # command line" in lines
    assert 'fail_on = "minor"  # command line' in lines
    assert "cache = true  # default" in lines
    assert any(line.startswith("# max_score: not set") for line in lines)


def test_config_show_output_is_toml_that_validates_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import tomllib

    from reviewer.config import validate

    write(tmp_path / "reviewer.toml", 'exclude = ["drafts/*"]\noutput = {sarif = "r.sarif"}\n')
    monkeypatch.chdir(tmp_path)
    _, out, _ = show(capsys)
    data = tomllib.loads(out)
    assert validate(data, "shown")["exclude"] == ["drafts/*"]
    assert settings_for(cwd=tmp_path).output == ((Format.SARIF, "r.sarif"),)
