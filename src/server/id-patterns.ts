import { z } from "zod";

/**
 * What an id in a URL or body may look like before it reaches the store or the filesystem: ids this server makes
 * (`tw_…`, `conv_…`, `tlk_…`, `mem_…`) and ids people choose for twins. No dots, slashes, `%` or spaces, so no
 * id can name a path. An id of the right shape that does not exist is still a 404.
 */
export const recordId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "not an id (letters, digits, - and _)");

/** Photos and images are named by the SHA-256 of their content. */
export const mediaId = z.string().regex(/^[0-9a-f]{64}$/, "not a media id");

export const idParams = z.object({ id: recordId });
