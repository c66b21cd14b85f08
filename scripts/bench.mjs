// Benchmarks arrive with the performance issue; until then there is nothing to measure.
console.log('standards-bot: no benchmarks yet (see the performance issue).');
