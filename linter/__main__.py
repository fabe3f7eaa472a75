"""Allow ``python -m linter`` to behave exactly like the ``playbook`` console script."""

from linter.cli import main

if __name__ == "__main__":  # pragma: no cover - exercised through subprocess tests
    main()
