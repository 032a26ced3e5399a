// Vitest 5 targets Node 22+ and calls Map.groupBy / Object.groupBy while reporting failures; on Node 20 (what this
// project supports) a failing test would then print "Unhandled Error" instead of its assertion. Loaded with --import.
if (typeof Map.groupBy !== 'function') {
  Map.groupBy = (items, keyOf) => {
    const groups = new Map();
    let i = 0;
    for (const item of items) {
      const key = keyOf(item, i++);
      const group = groups.get(key);
      if (group) group.push(item);
      else groups.set(key, [item]);
    }
    return groups;
  };
}
if (typeof Object.groupBy !== 'function') {
  Object.groupBy = (items, keyOf) => Object.fromEntries(Map.groupBy(items, keyOf));
}
