// The word lists the segmenter (segment.ts) consults at a stop. Parley's own lists, written for
// English news text and checked against the English Golden Rules (tests/fixtures/golden_rules.json)
// and the seed articles: abbreviations in the forms news agencies print them (Associated Press
// style, plus older forms such as "Tex." and "Penn."), and the words that decide whether a
// capitalised word after an abbreviation starts a sentence. Keys are lower case unless a list says
// otherwise; a word is looked up without its dots ("e.g." as "eg").
//
// Any change to a list changes sentence boundaries: bump SEGMENTER in segment.ts.

/** Titles and ranks before a name: a period after them never ends a sentence ("Gov. Newsom", "Dr. Who"). */
export const TITLES: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'mx', 'messrs', 'mmes', 'dr', 'prof', 'rev', 'hon', 'msgr', 'sen', 'sens', 'rep',
  'reps', 'gov', 'gen', 'lt', 'col', 'capt', 'cpt', 'sgt', 'adm', 'maj', 'cmdr', 'cdr', 'brig', 'cpl',
  'pvt', 'supt', 'det', 'insp', 'atty', 'attys', 'pres', 'amb', 'fr',
]);

/** Latin and legal abbreviations that never end a sentence, whatever their case ("e.g.", "vs."). */
export const JOINERS: ReadonlySet<string> = new Set(['vs', 'v', 'cf', 'viz', 'eg', 'ie']);

/** Abbreviations that take a number: no boundary before a digit ("No. 5", "p. 55", "N°. 12"). */
export const NUMBERED: ReadonlySet<string> = new Set([
  'no', 'nos', 'nr', 'n°', 'p', 'pp', 'vol', 'vols', 'fig', 'figs', 'art', 'arts', 'ch', 'sec', 'secs',
  'para', 'op', 'ed', 'eq', 'ref', 'tel', 'ext', 'approx',
]);

/**
 * Abbreviations in any case ("co." and "Co."): company forms, name suffixes, streets, units,
 * "etc." and months. They end a sentence only when a common sentence starter
 * follows ("& Co. It closed" splits, "& Co. at noon" and "Apple Inc. Chief" do not).
 */
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'co', 'corp', 'inc', 'ltd', 'llc', 'plc', 'bros', 'jr', 'sr', 'st', 'mt', 'ft', 'ave', 'blvd', 'rd',
  'hwy', 'dept', 'est', 'approx', 'govt', 'assn', 'univ', 'intl', 'natl', 'al', 'ibid', 'etc', 'ca',
  'cca', 'esp', 'misc', 'max', 'min', 'yr', 'yrs', 'hr', 'hrs', 'mos', 'sq', 'lbs', 'oz', 'pct', 'mln',
  'bn', 'tr', 'cal', 'ret', 'inst', 'dist', 'div', 'mfg', 'ph', 'jan', 'feb', 'apr', 'jun', 'jul', 'aug',
  'sep', 'sept', 'oct', 'nov', 'dec',
]);

/**
 * Abbreviations that are also ordinary words ("Mar." / "mar", "Wash." / "wash"): they count only
 * when capitalised. Months, weekdays and US states as news agencies write them.
 */
export const CAPITALISED_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'mar', 'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'ala', 'ariz', 'ark', 'calif', 'colo', 'conn', 'del', 'fla', 'ga', 'ill', 'ind', 'kan', 'kans', 'ky',
  'la', 'md', 'mass', 'mich', 'minn', 'miss', 'mo', 'mont', 'neb', 'nebr', 'nev', 'okla', 'ore', 'pa',
  'penn', 'tenn', 'tex', 'va', 'vt', 'wash', 'wis', 'wisc', 'wyo',
]);

/** Words after "a.m." / "p.m." that continue the time expression ("5 p.m. Monday", "6 p.m. ET"). Case-sensitive. */
export const TIME_FOLLOWERS: ReadonlySet<string> = new Set([
  'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'Mon', 'Tue', 'Tues',
  'Wed', 'Thu', 'Thurs', 'Fri', 'Sat', 'Sun', 'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December', 'Jan', 'Feb', 'Mar', 'Apr', 'Jun',
  'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec', 'ET', 'EST', 'EDT', 'CT', 'CST', 'CDT', 'MT', 'MST',
  'MDT', 'PT', 'PST', 'PDT', 'GMT', 'UTC', 'BST', 'CET', 'CEST', 'IST', 'JST', 'Eastern', 'Central',
  'Pacific', 'Mountain', 'Local', 'Moscow', 'Beijing', 'London', 'Tokyo',
]);

/**
 * Capitalised words that usually begin a sentence and rarely continue a name: articles, pronouns,
 * conjunctions, sentence adverbs, prepositions, auxiliaries. After an ambiguous abbreviation
 * ("U.S.", "Co.", an initial) they tip the decision towards a boundary. Case-sensitive.
 */
export const STARTERS: ReadonlySet<string> = new Set([
  'A', 'An', 'The', 'This', 'That', 'These', 'Those', 'There', 'Then', 'Thus', 'Their', 'They', 'He',
  'She', 'It', 'Its', 'I', 'We', 'You', 'Your', 'Our', 'My', 'His', 'Her', 'But', 'And', 'Or', 'Nor',
  'So', 'Yet', 'However', 'Meanwhile', 'Moreover', 'Furthermore', 'Still', 'Also', 'Although', 'Though',
  'Because', 'Since', 'While', 'When', 'Where', 'What', 'Which', 'Who', 'Whom', 'Whose', 'Why', 'How',
  'If', 'Unless', 'Until', 'After', 'Before', 'As', 'At', 'In', 'On', 'For', 'From', 'With', 'Without',
  'By', 'During', 'Under', 'Among', 'Despite', 'Instead', 'Indeed', 'Yes', 'Not', 'Now', 'Here', 'Even',
  'Each', 'Every', 'Both', 'All', 'Some', 'Many', 'Most', 'Several', 'Such', 'Another', 'Other',
  'Others', 'Last', 'Next', 'Earlier', 'Later', 'Once', 'Is', 'Are', 'Was', 'Were', 'Do', 'Does', 'Did',
  'Can', 'Could', 'Would', 'Should', 'Shall', 'Must', 'Might', 'Has', 'Have', 'Had', 'Let', 'Please',
  'Yesterday', 'Tomorrow', 'According', 'Neither', 'Either', 'Whether',
]);

/**
 * Short words that stay lower case in Title Case headlines ("Why the U.S. Is Worried"): a lower-case
 * word outside this list shows that a sentence is prose. (structure.ts keeps its own, longer list of
 * minor words for telling a headline from a lede; the two answer different questions.)
 */
export const TITLE_CASE_SMALL_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'of', 'in', 'on', 'to', 'for', 'and', 'or', 'nor', 'but', 'at', 'by', 'as', 'vs',
  'with', 'from', 'into', 'amid', 'over',
]);
