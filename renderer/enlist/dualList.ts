// The two lists of the Target Servers page as pure functions: the chosen list keeps the
// candidates' order, whatever order servers were moved in.
export function moveChosen(chosen: readonly string[], moving: readonly string[], all: readonly string[], dir: 'add' | 'remove'): string[] {
  const set = new Set(chosen);
  for (const m of moving) {
    if (dir === 'add') set.add(m);
    else set.delete(m);
  }
  return all.filter((x) => set.has(x));
}

export function moveAll(all: readonly string[], dir: 'add' | 'remove'): string[] {
  return dir === 'add' ? [...all] : [];
}
