declare module "vitest" {
  export interface ProvidedContext {
    backend: "pglite" | "postgres";
    pgliteTemplate: string;
    postgresAdminUrl: string;
  }
}
export {};
