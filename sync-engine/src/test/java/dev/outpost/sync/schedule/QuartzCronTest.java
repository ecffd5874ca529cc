package dev.outpost.sync.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.ParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.quartz.CronExpression;

class QuartzCronTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "* * * * *            | 0 * * * * ?",
      "0 22 * * *           | 0 0 22 * * ?",
      "*/15 1-5 * * *       | 0 */15 1-5 * * ?",
      "30 2 1,15 * *        | 0 30 2 1,15 * ?",
      "0 0 * JAN,JUL *      | 0 0 0 * JAN,JUL ?",
      "0 22 * * 0           | 0 0 22 ? * 1",
      "0 22 * * 7           | 0 0 22 ? * 1",
      "0 22 * * 1-5         | 0 0 22 ? * 2-6",
      "0 22 * * 6           | 0 0 22 ? * 7",
      "0 22 * * 0,6         | 0 0 22 ? * 1,7",
      "0 22 * * 5-7         | 0 0 22 ? * 6-7,1",
      "0 22 * * 0-7         | 0 0 22 ? * 1-7",
      "0 22 * * */2         | 0 0 22 ? * */2",
      "0 22 * * 1-5/2       | 0 0 22 ? * 2-6/2",
      "0 22 * * MON-FRI     | 0 0 22 ? * MON-FRI",
      "0 22 * * sat,SUN     | 0 0 22 ? * sat,SUN",
  })
  void convertsToQuartz(String unix, String quartz) throws ParseException {
    String converted = QuartzCron.fromUnix(unix);

    assertThat(converted).isEqualTo(quartz);
    assertThat(CronExpression.isValidExpression(converted)).as("Quartz accepts %s", converted).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "* * * *", "* * * * * *", "0 22 1 * 1", "0 22 ? * *", "0 22 * * 8"})
  void refusesWhatCannotBeConvertedFaithfully(String unix) {
    assertThatThrownBy(() -> QuartzCron.fromUnix(unix)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Quartz's own messages speak of its 6-field layout ("Minute and Second values"); ours never do. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      61 22 * * *    | '61 22 * * *' has an invalid minute field '61' (minute: 0-59)
      */75 * * * *   | '*/75 * * * *' has an invalid minute field '*/75' (minute: 0-59)
      0 24 * * *     | '0 24 * * *' has an invalid hour field '24' (hour: 0-23)
      0 0 32 * *     | '0 0 32 * *' has an invalid day-of-month field '32' (day-of-month: 1-31)
      0 0 * 13 *     | '0 0 * 13 *' has an invalid month field '13' (month: 1-12 or JAN-DEC)
      0 0 * FOO *    | '0 0 * FOO *' has an invalid month field 'FOO' (month: 1-12 or JAN-DEC)
      0 0 * * 8      | '0 0 * * 8' has an invalid day-of-week field '8' (day-of-week: 0-7 or SUN-SAT, 0 and 7 are Sunday)
      0 0 * * MON-XY | '0 0 * * MON-XY' has an invalid day-of-week field 'MON-XY' (day-of-week: 0-7 or SUN-SAT, 0 and 7 are Sunday)
      * * * *        | '* * * *' must have 5 fields: minute hour day-of-month month day-of-week
      """)
  void errorsNameTheFiveFieldField(String unix, String expected) {
    assertThatThrownBy(() -> QuartzCron.fromUnix(unix))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(expected)
        .hasMessageNotContainingAny("Second", "second");
  }
}
