import Interchange
import Testing

struct CivilDateTests {
    @Test func knownDaysSinceTheEpoch() {
        #expect(CivilDate(year: 1970, month: 1, day: 1).daysSinceEpoch == 0)
        #expect(CivilDate(year: 1969, month: 12, day: 31).daysSinceEpoch == -1)
        #expect(CivilDate(year: 2000, month: 3, day: 1).daysSinceEpoch == 11_017)
        #expect(CivilDate(year: 2024, month: 2, day: 29).daysSinceEpoch == 19_782)
        #expect(CivilDate(year: 0, month: 3, day: 1).daysSinceEpoch == -719_468)
        #expect(CivilDate(daysSinceEpoch: 19_782) == CivilDate(year: 2024, month: 2, day: 29))
    }

    @Test func everyDayOfTwelveThousandYearsRoundTripsAndFollowsTheDayBefore() {
        var previous = CivilDate(daysSinceEpoch: -2_200_000)
        for days in -2_199_999...2_200_000 {
            let date = CivilDate(daysSinceEpoch: days)
            #expect(date.daysSinceEpoch == days)
            let lastOfMonth = previous.day == CivilDate.days(inMonth: previous.month, of: previous.year)
            let expected =
                !lastOfMonth ? CivilDate(year: previous.year, month: previous.month, day: previous.day + 1)
                : previous.month == 12 ? CivilDate(year: previous.year + 1, month: 1, day: 1)
                : CivilDate(year: previous.year, month: previous.month + 1, day: 1)
            guard date == expected else {
                Issue.record("day \(days) is \(date), expected \(expected)")
                return
            }
            previous = date
        }
    }

    @Test func leapYearsFollowTheGregorianRule() {
        #expect(CivilDate.days(inMonth: 2, of: 2024) == 29)
        #expect(CivilDate.days(inMonth: 2, of: 1900) == 28)
        #expect(CivilDate.days(inMonth: 2, of: 2000) == 29)
        #expect(CivilDate.days(inMonth: 2, of: 2023) == 28)
        #expect(CivilDate.days(inMonth: 4, of: 2023) == 30)
    }

    @Test func monthsOutsideTheYearCarryAsGoNormalises() {
        #expect(CivilDate(year: 2024, month: 13, day: 1) == CivilDate(year: 2025, month: 1, day: 1))
        #expect(CivilDate(year: 2024, month: 0, day: 1) == CivilDate(year: 2023, month: 12, day: 1))
        #expect(CivilDate(year: 2024, month: -11, day: 5) == CivilDate(year: 2023, month: 1, day: 5))
        #expect(CivilDate(year: 2023, month: 2, day: 29).daysSinceEpoch == CivilDate(year: 2023, month: 3, day: 1).daysSinceEpoch)
    }

    @Test func weekdays() {
        #expect(CivilDate(year: 1970, month: 1, day: 1).weekday == 4)  // Thursday
        #expect(CivilDate(year: 2026, month: 12, day: 7).weekday == 1)  // Monday
        #expect(CivilDate(year: 1969, month: 12, day: 28).weekday == 0)  // Sunday
    }

    @Test func flooredDivisionRoundsTowardNegativeInfinity() {
        #expect((-1).flooredDivision(by: 86_400) == -1)
        #expect((-86_400).flooredDivision(by: 86_400) == -1)
        #expect((-86_401).flooredDivision(by: 86_400) == -2)
        #expect((-1).flooredModulo(86_400) == 86_399)
        #expect(7.flooredModulo(-3) == -2)
    }
}
