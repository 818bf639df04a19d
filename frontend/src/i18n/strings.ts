// The shape every translation must have: the English strings are the reference, and each other
// language must give a string for every key (the compiler says which one is missing).
export type Translation<T> = { [K in keyof T]: T[K] extends string ? string : Translation<T[K]> }
