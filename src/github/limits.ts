/**
 * GitHub's API limits that shape how a review is published. Each one is GitHub's number, not ours:
 * exceeding it makes GitHub refuse the request (422) or silently drop data.
 */

/**
 * "The Checks API limits the number of annotations to a maximum of 50 per API request. To create
 * more than 50 annotations, you have to make multiple requests to the Update a check run endpoint."
 * https://docs.github.com/en/rest/checks/runs#update-a-check-run
 */
export const MAX_ANNOTATIONS_PER_REQUEST = 50;

/**
 * `output.summary`: "Can contain Markdown. Maximum length: 65535 characters."
 * https://docs.github.com/en/rest/checks/runs#update-a-check-run
 */
export const MAX_CHECK_RUN_SUMMARY = 65_535;

/**
 * Issue and review comment bodies: GitHub answers 422 "Body is too long (maximum is 65536
 * characters)". https://docs.github.com/en/rest/issues/comments#create-an-issue-comment
 */
export const MAX_COMMENT_BODY = 65_536;

/**
 * "Responses include a maximum of 3000 files." A larger pull request is reviewed on its first
 * 3,000 files only. https://docs.github.com/en/rest/pulls/pulls#list-pull-requests-files
 */
export const MAX_PULL_REQUEST_FILES = 3_000;

/**
 * The largest page the REST API serves: fewer round-trips when listing files and comments.
 * https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api
 */
export const MAX_PER_PAGE = 100;

/**
 * Get repository content: "1 MB or smaller: All features of this endpoint are supported. Between
 * 1-100 MB: […] the content field will be an empty string and the encoding field will be "none"."
 * https://docs.github.com/en/rest/repos/contents#get-repository-content
 */
export const MAX_CONTENT_BYTES = 1_000_000;

/**
 * GraphQL connections: "The `first` and `last` arguments […] must be between 1 and 100."
 * https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api#node-limit
 */
export const MAX_GRAPHQL_PAGE = 100;

/**
 * Compare two commits: "The response […] includes a maximum of 300 changed files", with their
 * patches, on every page when paging. A larger pull request is listed through its files instead.
 * https://docs.github.com/en/rest/commits/commits#compare-two-commits
 */
export const MAX_COMPARE_FILES = 300;
