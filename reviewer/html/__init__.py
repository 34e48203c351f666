"""The self-contained HTML review report (the only package that imports jinja2)."""
