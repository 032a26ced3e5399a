/** Why a bundle was refused, in words for its importer: which file, which field, what is wrong. */
export class BundleError extends Error {
  override name = 'BundleError';
}
