package dev.outbox.relay.capture;

import dev.outbox.InvalidMessageException;
import dev.outbox.envelope.OutboxColumns;
import dev.outbox.envelope.WalMessageCodec;
import dev.outbox.relay.publish.Outgoing;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a Debezium change record into what the relay sends: inserts into the outbox table and
 * logical decoding messages with the outbox prefix become entries; updates, deletes, heartbeats
 * and anything else are ignored. Debezium gives the id and the timestamps as {@link OutboxColumnConverter}
 * made them, the other uuid columns and jsonb as strings, text[] as a list and bytea as bytes, all of
 * which {@link OutboxColumns#toEnvelope} accepts.
 */
public final class OutboxRecordDecoder {

    static final String SOURCE_TABLE = "table";
    static final String SOURCE_WAL = "wal";

    private final String table;
    private final String walPrefix;

    /**
     * @param qualifiedTable the outbox table as {@code schema.table}
     * @param walPrefix      the prefix of the outbox's logical decoding messages
     */
    public OutboxRecordDecoder(String qualifiedTable, String walPrefix) {
        this.table = qualifiedTable.substring(qualifiedTable.indexOf('.') + 1);
        this.walPrefix = walPrefix;
    }

    /** @return the entry to send, an undecodable entry to report, or {@code null} if the record is not an outbox entry */
    public Outgoing decode(SourceRecord record) {
        if (!(record.value() instanceof Struct value) || value.schema().field("op") == null) {
            return null;
        }
        String op = value.getString("op");
        if ("c".equals(op) || "r".equals(op)) {
            return fromRow(record, value);
        }
        if ("m".equals(op)) {
            return fromWalMessage(record, value);
        }
        return null;
    }

    private Outgoing fromRow(SourceRecord record, Struct value) {
        Struct source = value.getStruct("source");
        if (source != null && source.schema().field("table") != null && !table.equals(source.getString("table"))) {
            return null;
        }
        Struct after = value.getStruct("after");
        if (after == null) {
            return null;
        }
        Map<String, Object> columns = new LinkedHashMap<>();
        for (Field field : after.schema().fields()) {
            columns.put(field.name(), OutboxColumnConverter.restore(field.name(), after.get(field)));
        }
        try {
            return new Outgoing.Entry(OutboxColumns.toEnvelope(columns));
        } catch (InvalidMessageException | IllegalArgumentException e) {
            Object id = columns.get(OutboxColumns.ID);
            return new Outgoing.Undecodable(e.getMessage(), SOURCE_TABLE, position(record), id == null ? null : id.toString(),
                    RowJson.of(columns).getBytes(StandardCharsets.UTF_8));
        }
    }

    private Outgoing fromWalMessage(SourceRecord record, Struct value) {
        Struct message = value.getStruct("message");
        if (message == null || !walPrefix.equals(message.getString("prefix"))) {
            return null;
        }
        byte[] content = bytes(message.get("content"));
        try {
            return new Outgoing.Entry(WalMessageCodec.decode(content));
        } catch (InvalidMessageException | IllegalArgumentException e) {
            return new Outgoing.Undecodable(e.getMessage(), SOURCE_WAL, position(record), null, content);
        }
    }

    /**
     * @return when the record's transaction committed, in microseconds since the epoch (from the
     *         source block, to the microsecond where Debezium gives it), or -1 if unknown
     */
    public static long commitTimeMicros(SourceRecord record) {
        if (record.value() instanceof Struct value && value.schema().field("source") != null
                && value.get("source") instanceof Struct source) {
            if (source.schema().field("ts_us") != null && source.get("ts_us") instanceof Long micros) {
                return micros;
            }
            if (source.schema().field("ts_ms") != null && source.get("ts_ms") instanceof Long millis) {
                return millis * 1_000;
            }
        }
        return -1;
    }

    /** @return where the record sits in the WAL, for logs and for the dead-letter message */
    public static String position(SourceRecord record) {
        Map<String, ?> offset = record.sourceOffset();
        Object lsn = offset == null ? null : offset.get("lsn");
        Object txId = offset == null ? null : offset.get("txId");
        String text = lsn instanceof Number number ? "lsn=" + lsn(number.longValue()) : "lsn=" + lsn;
        return txId == null ? text : text + " txId=" + txId;
    }

    private static String lsn(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase() + "/" + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase();
    }

    private static byte[] bytes(Object content) {
        if (content instanceof byte[] bytes) {
            return bytes;
        }
        if (content instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }
        return content == null ? new byte[0] : content.toString().getBytes(StandardCharsets.UTF_8);
    }
}
