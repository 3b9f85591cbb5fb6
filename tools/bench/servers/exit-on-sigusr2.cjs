// Preloaded (node -r) into the API while it is profiled: SIGUSR2 ends it with process.exit, so that
// --cpu-prof writes its profile. SIGTERM would not do: Nest's shutdown hooks re-raise the signal, and a
// process killed by a signal writes no profile.
process.on('SIGUSR2', () => process.exit(0));
