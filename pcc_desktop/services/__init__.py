"""Use cases: validation, business rules, statistics, import/export. No Qt here, ever."""
