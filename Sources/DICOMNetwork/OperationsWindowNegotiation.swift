/// The acceptor's answer to an Asynchronous Operations Window sub-item, PS3.7 D.3.3.3.
/// We invoke one operation at a time (C-GET sub-operations go one by one) and let the requestor
/// have up to our maximum outstanding; pipelined requests are performed in order of arrival.
public enum OperationsWindowNegotiation {
    /// The reply sub-item, nil when none was proposed (the default window of 1/1 then applies),
    /// and the number of operations the requestor may have outstanding (0: no limit).
    public static func negotiate(
        _ proposed: UserInformation.AsynchronousOperationsWindow?, maximumPerformed: UInt16
    ) -> (reply: UserInformation.AsynchronousOperationsWindow?, window: Int) {
        guard let proposed else { return (nil, 1) }
        let limit = max(maximumPerformed, 1)
        // The requestor's "invoked" bounds our "performed"; 0 means unlimited on its side.
        let performed = proposed.maxOperationsInvoked == 0 ? limit : min(proposed.maxOperationsInvoked, limit)
        return (.init(maxOperationsInvoked: 1, maxOperationsPerformed: performed), Int(performed))
    }
}
