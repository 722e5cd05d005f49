// Preloaded into Node child processes of the local runtime (cognito-local): the runtime
// holds their stdin open, so end-of-file on stdin means the runtime is gone, however it
// ended, and the child must not stay behind listening.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
