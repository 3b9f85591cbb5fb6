// Preloaded (node -r) into the API when several paths are profiled: the bench starts and stops V8's CPU profiler
// over IPC (`profile-start`, then `profile-stop` with the file to write), one profile per path in one process,
// instead of one process, start-up and exit per profile. Samples every 1000 µs, as --cpu-prof does.
const { writeFileSync } = require('node:fs');
const { Session } = require('node:inspector');

const session = new Session();
session.connect();
const post = (method, params = {}) =>
  new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));

process.on('message', (message) => {
  if (message?.type !== 'profile-start' && message?.type !== 'profile-stop') return;
  const work =
    message.type === 'profile-start'
      ? post('Profiler.enable')
          .then(() => post('Profiler.setSamplingInterval', { interval: 1000 }))
          .then(() => post('Profiler.start'))
      : post('Profiler.stop').then(({ profile }) => writeFileSync(message.file, JSON.stringify(profile)));
  work.then(
    () => process.send({ id: message.id, result: true }),
    (error) => process.send({ id: message.id, error: error.message }),
  );
});
// The channel must not keep the API alive on its own.
process.channel?.unref();
