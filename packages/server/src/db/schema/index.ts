export * from "./reference.js";
export * from "./agreements.js";
export * from "./access.js";
export * from "./monitoring.js";
export * from "./mail.js";
export * from "./delivery.js";
export * from "./reward.js";
export * from "./consultation.js";
