/**
 * The seed's quickstart, run in the kernel by "Create demo runs": three simulated trainings of 1,000 steps each, with a
 * random dropout in the config, accuracy rising and loss falling with noise.
 */
export const DEMO_SCRIPT = `
for (let r = 0; r < 3; r++) {
  const dropout = Math.round((0.1 + Math.random() * 0.4) * 100) / 100;
  const run = await init({
    project: 'quickstart',
    config: { dropout, epochs: 10, learning_rate: 0.01, architecture: 'CNN', dataset: 'CIFAR-100' },
    tags: ['demo'],
  });
  const offset = Math.random() / 5;
  for (let step = 0; step < 1000; step++) {
    const progress = step / 1000;
    const acc = 1 - 2 ** -(progress * 10) - Math.random() / (progress * 10 + 1) - offset;
    const loss = 2 ** -(progress * 10) + Math.random() / (progress * 10 + 1) + offset;
    run.log({ acc, loss, epoch: Math.floor(progress * 10) });
    // Yield now and then, as a real training loop does between batches, so the charts can be watched filling in.
    if (step % 20 === 19) await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await run.finish();
  console.log(\`\${run.name}: dropout \${dropout}, final acc \${run.summary.acc.toFixed(3)}\`);
}
`;
