/** Path parameters and error responses every feature's routes share, declared once. */
import { z } from "zod";
import { ApiError } from "@accord/domain";

export const AgreementSlug = z.string().regex(/^[a-z0-9-]{1,80}$/, "must be an agreement slug such as kent-ka2");
export const IndicatorKey = z.string().regex(/^[a-z0-9-]{1,80}$/, "must be an indicator key such as ni-47");
export const OrganisationSlug = z.string().regex(/^[a-z0-9-]{1,80}$/, "must be an organisation slug such as kent-police");
export const AgreementParams = z.object({ slug: AgreementSlug });
export const IndicatorParams = z.object({ slug: AgreementSlug, key: IndicatorKey });

/** The error bodies a route may answer with, for the OpenAPI document. */
export const apiErrors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError };
