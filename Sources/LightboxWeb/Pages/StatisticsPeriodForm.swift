import Foundation

/// The form above every statistic: the census day, the month or the period it covers, any error in what was
/// typed, and the link to the same figures as CSV.
struct StatisticsPeriodForm: Sendable, Equatable {
    var action: String
    var isCensus = false
    var isMonth = false
    var isPeriod = false
    var census = ""
    var month = ""
    var from = ""
    var to = ""
    var error: String?
    var csvHref: String?

    static func period(action: String, from: String, to: String, csvHref: String?, error: String?) -> Self {
        StatisticsPeriodForm(action: action, isPeriod: true, from: from, to: to, error: error, csvHref: csvHref)
    }
}
