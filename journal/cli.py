"""Flask CLI commands: ``flask --app journal seed-demo``."""

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from journal.demo import DEMO_PASSWORD, seed_demo


def init_app(app: Flask) -> None:
    """Register the project's commands."""
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(deliver_command)


@click.command("deliver")
@click.option("--once", is_flag=True, help="Send what is ready now, then exit.")
@click.option("--poll", default=2.0, show_default=True, help="Seconds between looks at an empty outbox.")
@with_appcontext
def deliver_command(once: bool, poll: float):
    """Send the outbox's emails and run contact imports (until stopped, unless --once)."""
    from journal.outbox.worker import Worker

    worker = Worker(current_app._get_current_object())
    if once:
        click.echo(f"Sent {worker.run_once()} emails; ran {worker.run_imports()} import phases.")
        return
    click.echo(f"{worker.worker_id} delivering through {type(worker.backend).__name__}; Ctrl+C stops it.")
    try:
        worker.run_forever(poll)
    except KeyboardInterrupt:
        pass


@click.command("seed-demo")
@with_appcontext
def seed_demo_command():
    """Load a demo candidate with a year of journal and two recruiters, then print the logins."""
    accounts = seed_demo()
    click.echo("Demo accounts (password for all: %s):" % DEMO_PASSWORD)
    for role, email in accounts:
        click.echo(f"  {role:<10} {email}")
