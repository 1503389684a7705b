package dev.outbox.relay.capture;

import io.debezium.spi.converter.CustomConverter;
import io.debezium.spi.converter.RelationalColumn;
import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboxColumnConverterTest {

    private final OutboxColumnConverter converter = configured("public.outbox_message");

    @Test
    void idTravelsAsSixteenBytesAndComesBackAsTheSameUuid() {
        Registration registration = register(column("public.outbox_message", "id", "uuid", false));

        UUID id = UUID.randomUUID();
        Object converted = registration.converter.convert(id.toString());

        assertThat(registration.schema.type()).isEqualTo(Schema.Type.BYTES);
        assertThat(registration.schema.isOptional()).isFalse();
        assertThat((byte[]) converted).hasSize(16);
        assertThat(OutboxColumnConverter.restore("id", converted)).isEqualTo(id);
        assertThat(registration.converter.convert(id)).isEqualTo(converted);
    }

    @Test
    void timestampsTravelAsEpochMicrosecondsWithoutLosingPrecision() {
        Registration registration = register(column("public.outbox_message", "deliver_at", "timestamptz", true));
        Instant instant = Instant.parse("2026-12-24T18:00:00.123456Z");

        Object converted = registration.converter.convert(OffsetDateTime.ofInstant(instant, ZoneOffset.ofHours(2)));

        assertThat(registration.schema.type()).isEqualTo(Schema.Type.INT64);
        assertThat(registration.schema.isOptional()).isTrue();
        assertThat(converted).isEqualTo(1_798_135_200_123_456L);
        assertThat(OutboxColumnConverter.restore("deliver_at", converted)).isEqualTo(instant);
        assertThat(registration.converter.convert(Timestamp.from(instant))).isEqualTo(converted);
        assertThat(registration.converter.convert("2026-12-24T20:00:00.123456+02:00")).isEqualTo(converted);
        assertThat(registration.converter.convert(null)).isNull();
    }

    @Test
    void timesBeforeTheEpochKeepTheirMicroseconds() {
        Registration registration = register(column("public.outbox_message", "created_at", "timestamptz", false));
        Instant instant = Instant.parse("1969-12-31T23:59:59.999999Z");

        Object converted = registration.converter.convert(instant);

        assertThat(converted).isEqualTo(-1L);
        assertThat(OutboxColumnConverter.restore("created_at", converted)).isEqualTo(instant);
    }

    @Test
    void leavesOtherTablesColumnsAndTypesAsDebeziumGivesThem() {
        assertThat(register(column("public.orders", "id", "uuid", false))).isNull();
        assertThat(register(column("public.outbox_message", "correlation_id", "uuid", true))).isNull();
        assertThat(register(column("public.outbox_message", "id", "text", false))).isNull();
        assertThat(register(column("public.outbox_message", "created_at", "timestamp", false))).isNull();
        assertThat(OutboxColumnConverter.restore("payload_bytes", new byte[16])).isEqualTo(new byte[16]);
        assertThat(OutboxColumnConverter.restore("message_key", 42L)).isEqualTo(42L);
    }

    @Test
    void matchesTheTableAlsoWhenDebeziumNamesItsDatabase() {
        assertThat(register(column("app.public.outbox_message", "id", "uuid", false))).isNotNull();
    }

    @Test
    void refusesToStartWithoutTheTable() {
        assertThatThrownBy(() -> new OutboxColumnConverter().configure(new Properties()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'table'");
    }

    private static OutboxColumnConverter configured(String table) {
        OutboxColumnConverter converter = new OutboxColumnConverter();
        Properties properties = new Properties();
        properties.setProperty(OutboxColumnConverter.TABLE, table);
        converter.configure(properties);
        return converter;
    }

    /** @return what the converter registered for the column, or {@code null} if it left it alone */
    private Registration register(RelationalColumn column) {
        Registration[] registered = new Registration[1];
        converter.converterFor(column, (schema, convert) -> registered[0] = new Registration(schema.build(), convert));
        return registered[0];
    }

    private record Registration(Schema schema, CustomConverter.Converter converter) {
    }

    private static RelationalColumn column(String table, String name, String type, boolean optional) {
        return new RelationalColumn() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String dataCollection() {
                return table;
            }

            @Override
            public String typeName() {
                return type;
            }

            @Override
            public boolean isOptional() {
                return optional;
            }

            @Override
            public int jdbcType() {
                return 0;
            }

            @Override
            public int nativeType() {
                return 0;
            }

            @Override
            public String typeExpression() {
                return type;
            }

            @Override
            public OptionalInt length() {
                return OptionalInt.empty();
            }

            @Override
            public OptionalInt scale() {
                return OptionalInt.empty();
            }

            @Override
            public Object defaultValue() {
                return null;
            }

            @Override
            public boolean hasDefaultValue() {
                return false;
            }
        };
    }
}
