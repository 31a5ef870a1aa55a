// Fields a dataset needs set with it: picking "digits" (10 classes of images)
// also picks the multiclass problem, and a link that names dataset=digits
// without a problem means it, where the default (binary) would be refused.
// The refusal itself stays the schema's (checkConsistency) and the core's.

/** The edit to make when `dataset` is chosen, given the fields the user set with it. */
export function datasetEdit(dataset, given = {}) {
  if (dataset === 'digits' && given.problem === undefined) return { dataset, problem: 'multiclass' };
  return { dataset };
}
