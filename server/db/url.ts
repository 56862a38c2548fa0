/** DATABASE_URL's two kinds: a PostgreSQL server, or else a SQLite file (or `:memory:`). */
export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//i.test(url);

/** The URL as it may be printed or logged: the user and password replaced by `***`. */
export const maskUrl = (url: string): string => url.replace(/\/\/[^@/]*@/, '//***@');
