"""Flask CLI commands: ``flask --app journal seed-demo``."""
import click
from flask import Flask
from flask.cli import with_appcontext

from journal.demo import DEMO_PASSWORD, seed_demo


def init_app(app: Flask) -> None:
    """Register the project's commands."""
    app.cli.add_command(seed_demo_command)


@click.command("seed-demo")
@with_appcontext
def seed_demo_command():
    """Load a demo candidate with a year of journal and two recruiters, then print the logins."""
    accounts = seed_demo()
    click.echo("Demo accounts (password for all: %s):" % DEMO_PASSWORD)
    for role, email in accounts:
        click.echo(f"  {role:<10} {email}")
