import LightboxDomain

/// Where the index keeps one attribute, for ``ArchiveMatchSQL``: a column of the row being matched, a column of
/// related rows any one of which may match (a study's series for Modalities in Study), or the items of a sequence.
indirect enum ArchiveColumn: Sendable {
    /// A column (an SQL expression naming it, e.g. `st.study_date`) holding one value, matched as `kind`. A person
    /// name's column holds the name upper-cased (`String.uppercased()`), as the index writes it.
    case value(String, ArchiveValueKind)
    /// An integer column (counts, Series and Instance Number, Rows…): single values and lists, compared as numbers.
    case integer(String)
    /// Matches when any row of `from` (an SQL `FROM … WHERE` clause that ties the rows to the record, e.g.
    /// `series x WHERE x.study_id = st.id`) matches `column`.
    case anyRow(from: String, ArchiveColumn)
    /// A sequence whose item attributes are the columns `items` (by tag): on the record's own row when `from` is
    /// nil, else on related rows of which one must match all the item's keys at once (PS3.4 §C.2.2.2.6).
    case sequence(from: String?, items: [UInt32: ArchiveColumn])
}
