package dev.outbox.relay.capture;

import dev.outbox.MessageKind;
import dev.outbox.envelope.Envelope;
import dev.outbox.envelope.Payload;
import dev.outbox.envelope.WalMessageCodec;
import dev.outbox.relay.publish.Outgoing;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Records shaped as Debezium's PostgreSQL connector emits them for the outbox table and for WAL messages. */
class OutboxRecordDecoderTest {

    private static final Schema SOURCE = SchemaBuilder.struct().field("table", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema ROW = rowSchema(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA);
    /** The row as {@link OutboxColumnConverter} makes it: the id as 16 bytes, the timestamps as epoch microseconds. */
    private static final Schema CONVERTED_ROW = rowSchema(Schema.BYTES_SCHEMA, Schema.INT64_SCHEMA, Schema.OPTIONAL_INT64_SCHEMA);
    private static final Schema MESSAGE = SchemaBuilder.struct()
            .field("prefix", Schema.STRING_SCHEMA)
            .field("content", Schema.BYTES_SCHEMA)
            .build();
    private static final Schema MESSAGE_CHANGE = SchemaBuilder.struct()
            .field("op", Schema.STRING_SCHEMA)
            .field("message", MESSAGE)
            .build();

    private final OutboxRecordDecoder decoder = new OutboxRecordDecoder("public.outbox_message", "outbox");

    @Test
    void insertedRowBecomesAnEntry() {
        UUID id = UUID.randomUUID();
        Struct row = row(id, "{\"trace\":\"t-1\"}")
                .put("payload", null)
                .put("payload_bytes", ByteBuffer.wrap(new byte[] {1, 2, 3}))
                .put("content_type", "application/octet-stream")
                .put("deliver_at", "2026-12-24T18:00:00.123456Z");

        Outgoing outgoing = decoder.decode(change("c", row));

        assertThat(outgoing).isInstanceOf(Outgoing.Entry.class);
        Envelope envelope = ((Outgoing.Entry) outgoing).envelope();
        assertThat(envelope.id()).isEqualTo(id);
        assertThat(envelope.kind()).isEqualTo(MessageKind.EVENT);
        assertThat(envelope.payload()).isEqualTo(Payload.of("application/octet-stream", new byte[] {1, 2, 3}));
        assertThat(envelope.headers()).containsEntry("trace", "t-1");
        assertThat(envelope.createdAt()).isEqualTo(Instant.parse("2026-12-03T10:15:30.123Z"));
        assertThat(envelope.deliverAt()).isEqualTo(Instant.parse("2026-12-24T18:00:00.123Z"));
    }

    @Test
    void rowWithTheConvertedIdAndTimestampsBecomesTheSameEntry() {
        UUID id = UUID.randomUUID();
        Struct row = row(id, "{\"trace\":\"t-1\"}")
                .put("deliver_at", "2026-12-24T18:00:00.123456Z");
        Struct converted = new Struct(CONVERTED_ROW);
        for (Field field : ROW.fields()) {
            if (CONVERTED_ROW.field(field.name()).schema().type() == field.schema().type()) {
                converted.put(field.name(), row.get(field));
            }
        }
        converted.put("id", ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array())
                .put("created_at", 1_796_292_930_123_456L)
                .put("deliver_at", 1_798_135_200_123_456L);

        assertThat(decoder.decode(change("c", converted))).isEqualTo(decoder.decode(change("c", row)));
    }

    @Test
    void updatesDeletesAndOtherTablesAreIgnored() {
        Struct row = row(UUID.randomUUID(), "{}");

        assertThat(decoder.decode(change("u", row))).isNull();
        assertThat(decoder.decode(change("d", row))).isNull();
        Struct otherTable = (Struct) change("c", row).value();
        otherTable.put("source", new Struct(SOURCE).put("table", "orders"));
        assertThat(decoder.decode(record(otherTable))).isNull();
        assertThat(decoder.decode(new SourceRecord(Map.of(), Map.of(), "heartbeat", null, null))).isNull();
    }

    @Test
    void rowThatIsNotAnEntryIsReportedWithItsIdAndContent() {
        UUID id = UUID.randomUUID();

        Outgoing outgoing = decoder.decode(change("c", row(id, "{\"n\":1}")));

        assertThat(outgoing).isInstanceOfSatisfying(Outgoing.Undecodable.class, invalid -> {
            assertThat(invalid.id()).isEqualTo(id.toString());
            assertThat(invalid.source()).isEqualTo("table");
            assertThat(invalid.reason()).contains("header 'n'");
            assertThat(invalid.position()).isEqualTo("lsn=0/16B3748 txId=750");
            assertThat(new String(invalid.content(), StandardCharsets.UTF_8))
                    .contains("\"id\":\"" + id + "\"", "\"actor_permissions\":[\"a\",\"b\"]");
        });
    }

    @Test
    void walMessageWithThePrefixBecomesAnEntry() {
        Envelope written = new Envelope(UUID.randomUUID(), MessageKind.COMMAND, "t", "q", "k:1", Payload.json("{}"), Map.of(),
                Instant.parse("2026-12-03T10:15:30.123Z"), null, null, null, "game", null, null);
        byte[] content = WalMessageCodec.encode(written).getBytes(StandardCharsets.UTF_8);

        assertThat(decoder.decode(message("outbox", content))).isEqualTo(new Outgoing.Entry(written));
        assertThat(decoder.decode(message("other", content))).isNull();
    }

    @Test
    void walMessageThatIsNotJsonIsReportedWithItsContent() {
        Outgoing outgoing = decoder.decode(message("outbox", "oops".getBytes(StandardCharsets.UTF_8)));

        assertThat(outgoing).isInstanceOfSatisfying(Outgoing.Undecodable.class, invalid -> {
            assertThat(invalid.source()).isEqualTo("wal");
            assertThat(invalid.id()).isNull();
            assertThat(invalid.content()).isEqualTo("oops".getBytes(StandardCharsets.UTF_8));
        });
    }

    @Test
    void commitTimeIsTakenToTheMicrosecondWhereDebeziumGivesIt() {
        Schema source = SchemaBuilder.struct().field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA).field("ts_us", Schema.OPTIONAL_INT64_SCHEMA).build();
        Schema schema = SchemaBuilder.struct().field("source", source).build();

        SourceRecord both = record(new Struct(schema).put("source", new Struct(source).put("ts_ms", 1_764_806_400_123L)
                .put("ts_us", 1_764_806_400_123_456L)));
        SourceRecord millisOnly = record(new Struct(schema).put("source", new Struct(source).put("ts_ms", 1_764_806_400_123L)));
        SourceRecord neither = record(new Struct(schema).put("source", new Struct(source)));

        assertThat(OutboxRecordDecoder.commitTimeMicros(both)).isEqualTo(1_764_806_400_123_456L);
        assertThat(OutboxRecordDecoder.commitTimeMicros(millisOnly)).isEqualTo(1_764_806_400_123_000L);
        assertThat(OutboxRecordDecoder.commitTimeMicros(neither)).isEqualTo(-1);
        assertThat(OutboxRecordDecoder.commitTimeMicros(message("outbox", new byte[0]))).isEqualTo(-1);
    }

    private static Struct row(UUID id, String headers) {
        return new Struct(ROW)
                .put("id", id.toString())
                .put("destination", "game-events")
                .put("message_kind", "EVENT")
                .put("message_key", "game:1")
                .put("message_type", "game.started")
                .put("payload", "{}")
                .put("content_type", "application/json")
                .put("headers", headers)
                .put("created_at", "2026-12-03T10:15:30.123456Z")
                .put("actor_permissions", List.of("a", "b"));
    }

    private static Schema rowSchema(Schema id, Schema createdAt, Schema deliverAt) {
        return SchemaBuilder.struct()
                .field("id", id)
                .field("destination", Schema.STRING_SCHEMA)
                .field("message_kind", Schema.STRING_SCHEMA)
                .field("message_key", Schema.STRING_SCHEMA)
                .field("message_type", Schema.STRING_SCHEMA)
                .field("payload", Schema.OPTIONAL_STRING_SCHEMA)
                .field("payload_bytes", Schema.OPTIONAL_BYTES_SCHEMA)
                .field("content_type", Schema.STRING_SCHEMA)
                .field("headers", Schema.STRING_SCHEMA)
                .field("created_at", createdAt)
                .field("deliver_at", deliverAt)
                .field("actor_permissions", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).build())
                .optional()
                .build();
    }

    private static SourceRecord change(String op, Struct row) {
        Schema schema = SchemaBuilder.struct()
                .field("before", row.schema())
                .field("after", row.schema())
                .field("source", SOURCE)
                .field("op", Schema.STRING_SCHEMA)
                .build();
        Struct value = new Struct(schema).put("op", op).put("source", new Struct(SOURCE).put("table", "outbox_message"));
        value.put("d".equals(op) ? "before" : "after", row);
        return record(value);
    }

    private static SourceRecord message(String prefix, byte[] content) {
        return record(new Struct(MESSAGE_CHANGE).put("op", "m").put("message", new Struct(MESSAGE).put("prefix", prefix).put("content", content)));
    }

    private static SourceRecord record(Struct value) {
        return new SourceRecord(Map.of("server", "relay"), Map.of("lsn", 0x16B3748L, "txId", 750L), "relay.public.outbox_message",
                null, null, value.schema(), value);
    }
}
