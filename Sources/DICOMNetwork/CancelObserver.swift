import NIOCore

/// Notes each C-CANCEL-RQ (PS3.7 §9.3.2.3) in a ``CancelRegister`` the moment the pipeline reads
/// it, before it queues behind anything in ``PDUInboundBuffer``, and passes every PDU on
/// unchanged. The task answering a C-FIND checks the register between its pending responses, so
/// a cancel is honoured while the answers are still going out, independent of where the task's
/// own reading of the stream has got to.
final class CancelObserver: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = PDU
    typealias InboundOut = PDU

    let register: CancelRegister

    init(register: CancelRegister) {
        self.register = register
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .dataTF(let tf) = unwrapInboundIn(data) {
            for pdv in tf.values where pdv.header.isCommand && pdv.header.isLast {
                if let messageID = Self.cancelledMessageID(pdv.data) { register.record(messageID) }
            }
        }
        context.fireChannelRead(data)
    }

    /// The Message ID Being Responded To (0000,0120) of a command set whose Command Field
    /// (0000,0100) is C-CANCEL-RQ (0FFF), read in place (Implicit VR Little Endian, PS3.7 §6.3.1);
    /// nil for any other command, or for a fragment that is not a whole command set (a C-CANCEL is
    /// a few dozen bytes and never split).
    static func cancelledMessageID(_ bytes: ByteBuffer) -> UInt16? {
        var index = bytes.readerIndex
        let end = bytes.writerIndex
        var isCancel = false
        var messageID: UInt16?
        while index + 8 <= end {
            guard let group = bytes.getInteger(at: index, endianness: .little, as: UInt16.self),
                let element = bytes.getInteger(at: index + 2, endianness: .little, as: UInt16.self),
                let length = bytes.getInteger(at: index + 4, endianness: .little, as: UInt32.self),
                group == 0x0000, Int(length) <= end - index - 8
            else { return nil }
            let value = index + 8
            if length == 2, element == 0x0100 {
                guard bytes.getInteger(at: value, endianness: .little, as: UInt16.self) == 0x0FFF else { return nil }
                isCancel = true
            } else if length == 2, element == 0x0120 {
                messageID = bytes.getInteger(at: value, endianness: .little, as: UInt16.self)
            }
            index = value + Int(length)
        }
        return isCancel && index == end ? messageID : nil
    }
}
