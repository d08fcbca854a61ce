// Reads every page of one entity set with o.js (npm "odata"), following @odata.nextLink, and prints one JSON line:
// the rows' values of one property and the number of pages. Usage: node page-set.mjs FEED_URL KEY SET PROPERTY PAGE_SIZE
import { o } from "odata";

const [feed, key, set, property, pageSize] = process.argv.slice(2);
const config = {
  headers: { "X-Api-Key": key, Prefer: `odata.maxpagesize=${pageSize}` },
  fragment: "", // the whole answer, so @odata.nextLink is seen
};
const values = [];
let pages = 0;
let answer = await o(feed.replace(/\/?$/, "/"), config).get(set).query({ $select: property, $orderby: property });
for (;;) {
  pages++;
  for (const row of answer.value) values.push(row[property]);
  const next = answer["@odata.nextLink"];
  if (!next) break;
  answer = await o(next, config).get("").query();
}
console.log(JSON.stringify({ pages, values }));
