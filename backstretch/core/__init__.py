"""Plain-Python domain: stretches, routines, plan, engine, settings, log, paths. No Qt."""
