package dev.gangway.platform.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonMapperStrictnessTest {
  public record Body(
      String name, int limit, Integer count, boolean on, Boolean flag, List<String> domains) {}

  private static Body read(String json) throws Exception {
    return JsonMapper.get().readValue(json, Body.class);
  }

  @Test
  void wellTypedBodiesRead() throws Exception {
    Body b =
        read(
            "{\"name\":\"n\",\"limit\":3,\"count\":4,\"on\":true,\"flag\":false,\"domains\":[\"a\"]}");
    assertThat(b).isEqualTo(new Body("n", 3, 4, true, false, List.of("a")));
    assertThat(read("{\"name\":null,\"limit\":1,\"on\":false}").name()).isNull();
  }

  @Test
  void wronglyTypedFieldsAreRefusedNamingTheField() {
    for (String[] c :
        new String[][] {
          {"{\"name\":42}", "name"},
          {"{\"name\":4.2}", "name"},
          {"{\"name\":true}", "name"},
          {"{\"name\":{}}", "name"},
          {"{\"name\":[\"x\"]}", "name"},
          {"{\"limit\":\"5\"}", "limit"},
          {"{\"limit\":1.5}", "limit"},
          {"{\"count\":\"5\"}", "count"},
          {"{\"on\":1}", "on"},
          {"{\"on\":\"true\"}", "on"},
          {"{\"flag\":0}", "flag"},
          {"{\"domains\":\"a\"}", "domains"},
          {"{\"domains\":[1]}", "domains"}
        }) {
      assertThatThrownBy(() -> read(c[0]))
          .as(c[0])
          .isInstanceOf(MismatchedInputException.class)
          .satisfies(
              e ->
                  assertThat(((MismatchedInputException) e).getPath().get(0).getFieldName())
                      .isEqualTo(c[1]));
    }
  }

  @Test
  void trailingDataIsRefused() {
    assertThatThrownBy(() -> read("{\"name\":\"n\"} {}"))
        .isInstanceOf(MismatchedInputException.class);
    assertThatThrownBy(() -> read("{\"name\":\"n\"}x")).isInstanceOf(JacksonException.class);
  }
}
