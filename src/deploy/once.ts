// A value made on first use and shared by every later caller: one AWS read serves each step of a deploy that
// needs it, and none is made when no step does.
export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}
