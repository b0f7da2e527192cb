"""Desktop integration through the system's own services (MPRIS media keys). No Qt."""
