"""``logocheck rules`` and ``logocheck explain``: the rule pack, documented."""

from __future__ import annotations

import textwrap
from pathlib import Path

import click

from logocheck.ruleset import Rule, load_rules


@click.command("rules")
@click.option(
    "--rules", "packs", multiple=True, type=click.Path(path_type=Path), help="Extra rule pack."
)
def rules_command(packs: tuple[Path, ...]) -> None:
    """List every rule: code, level and what it catches.

    \b
    Examples:
      logocheck rules
      logocheck rules --rules our-rules/
    """
    for rule in load_rules(packs):
        click.echo(f"{rule.code}  {rule.level:<7}  {rule.summary}")


@click.command("explain")
@click.argument("code")
@click.option(
    "--rules", "packs", multiple=True, type=click.Path(path_type=Path), help="Extra rule pack."
)
def explain_command(code: str, packs: tuple[Path, ...]) -> None:
    """Explain a rule: what it catches, why it matters, how to fix it.

    \b
    Examples:
      logocheck explain LC001
    """
    rules = {rule.code: rule for rule in load_rules(packs)}
    rule = rules.get(code.upper())
    if rule is None:
        raise click.BadParameter(f"no rule {code!r}; see `logocheck rules`", param_hint="CODE")
    click.echo(explanation(rule))


def explanation(rule: Rule) -> str:
    lines = [f"{rule.code} ({rule.name}): {rule.summary}", f"Level: {rule.level}", ""]
    for heading, key in (
        ("What it catches", "what"),
        ("Why it matters", "why"),
        ("How to fix", "fix"),
    ):
        if key in rule.doc:
            lines.append(f"{heading}:")
            lines.extend(
                textwrap.wrap(rule.doc[key], 78, initial_indent="  ", subsequent_indent="  ")
            )
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
