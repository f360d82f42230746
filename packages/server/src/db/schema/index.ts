export * from "./reference.js";
export * from "./agreements.js";
