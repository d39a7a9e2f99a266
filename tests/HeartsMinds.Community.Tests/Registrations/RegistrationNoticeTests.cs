using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Tests.Registrations;

/// <summary>
/// A change of places commits a small notice with it; the emails are written from the notice after the commit. So an
/// email follows a change only if the change committed, and each exactly once, even with two instances writing.
/// </summary>
public sealed class RegistrationNoticeTests : IAsyncLifetime
{
    private readonly CommunityAppFactory _first = new();
    private CommunityAppFactory _second = null!;

    public async Task InitializeAsync()
    {
        await _first.InitializeAsync();
        _second = CommunityAppFactory.ForDatabase(_first.ConnectionString);
        _ = _first.Services;
        _ = _second.Services;
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await ((IAsyncLifetime)_first).DisposeAsync();
    }

    [Fact]
    public async Task A_registration_whose_transaction_rolls_back_at_commit_leaves_no_notice_and_no_email()
    {
        var ev = await _first.CreateAsync(capacity: 5);
        // Checked at COMMIT, after the registration, its people and its notice were all written: the whole transaction
        // then rolls back, as a lost connection or a full disk at that moment would make it.
        await _first.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""
            CREATE FUNCTION refuse_rollback_org() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN IF NEW.organisation_name = 'Rollback Org' THEN RAISE EXCEPTION 'refused at commit for the test'; END IF; RETURN NEW; END $$;
            CREATE CONSTRAINT TRIGGER refuse_rollback_org AFTER INSERT ON registrations DEFERRABLE INITIALLY DEFERRED
                FOR EACH ROW EXECUTE FUNCTION refuse_rollback_org();
            """));
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => _first.RegisterAsync(TestEvents.Request(ev.Id, "Rollback Org", "gone@rollback.example")));
            var kept = await _first.RegisterAsync(TestEvents.Request(ev.Id, "Kept Org", "kept@keep.example"));
            Assert.IsType<RegistrationOutcome.Registered>(kept);

            // The kept registration's emails being written shows the writer has run past where the other's would be.
            var emails = await _first.WithDbAsync(db => db.OutboxMessages.Select(m => m.ToAddress).ToListAsync());
            Assert.Contains("kept@keep.example", emails);
            Assert.DoesNotContain(emails, a => a.EndsWith("@rollback.example"));
            Assert.False(await _first.WithDbAsync(db => db.Registrations.AnyAsync(r => r.OrganisationName == "Rollback Org")));
            Assert.Equal(0, await _first.WithDbAsync(db => db.RegistrationNotices.CountAsync()));
        }
        finally
        {
            await _first.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
                "DROP TRIGGER refuse_rollback_org ON registrations; DROP FUNCTION refuse_rollback_org();"));
        }
    }

    [Fact]
    public async Task Two_instances_writing_notices_at_once_write_every_email_exactly_once()
    {
        var ev = await _first.CreateAsync(capacity: 30);
        var people = Enumerable.Range(1, 60).Select(n => $"p{n:D2}@twice.example").ToList();
        // Half through each instance, at once: both instances' notice loops race over the same table.
        await Parallel.ForEachAsync(people.Select((email, i) => (email, i)), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (person, _) =>
            await (person.i % 2 == 0 ? _first : _second).RegisterAsync(TestEvents.Request(ev.Id, $"Org {person.i:D2}", person.email)));
        await _second.NoticesWrittenAsync();

        var written = await _first.WithDbAsync(db => db.OutboxMessages.Where(m => m.ToAddress.EndsWith("@twice.example"))
            .Select(m => new { m.ToAddress, m.Purpose }).ToListAsync());
        Assert.Equal(people.Order(), written.Select(m => m.ToAddress).Order());
        Assert.Equal(30, written.Count(m => m.Purpose == "place-confirmed"));
        Assert.Equal(30, written.Count(m => m.Purpose == "waitlisted"));
        // And each organisation's contact got one summary.
        Assert.Equal(60, await _first.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Purpose == "registration-confirmation")));
    }

    [Fact]
    public async Task A_notice_that_cannot_be_written_waits_to_be_tried_again_while_the_others_are_written()
    {
        var ev = await _first.CreateAsync(capacity: 10);
        await _first.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""
            CREATE FUNCTION refuse_stuck_address() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN IF NEW.to_address = 'stuck@stuck.example' THEN RAISE EXCEPTION 'outbox refused for the test'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER refuse_stuck_address BEFORE INSERT ON outbox_messages FOR EACH ROW EXECUTE FUNCTION refuse_stuck_address();
            """));
        try
        {
            await _first.RegisterAsync(TestEvents.Request(ev.Id, "Stuck Org", "stuck@stuck.example"));
            await _first.RegisterAsync(TestEvents.Request(ev.Id, "Fine Org", "fine@fine.example"));

            var addresses = await _first.WithDbAsync(db => db.OutboxMessages.Select(m => m.ToAddress).ToListAsync());
            Assert.Contains("fine@fine.example", addresses);
            Assert.DoesNotContain("stuck@stuck.example", addresses);
            var stuck = await _first.WithDbAsync(db => db.RegistrationNotices.AsNoTracking().SingleAsync());
            Assert.Equal(1, stuck.Attempts);
            Assert.Contains("outbox refused for the test", stuck.LastError);
            Assert.True(stuck.NextAttemptAt > DateTimeOffset.UtcNow);
        }
        finally
        {
            await _first.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
                "DROP TRIGGER refuse_stuck_address ON outbox_messages; DROP FUNCTION refuse_stuck_address();"));
        }
        // Once the fault is gone and its pause is over, it is written (exactly once).
        await _first.WithDbAsync(db => db.RegistrationNotices.ExecuteUpdateAsync(s => s.SetProperty(n => n.NextAttemptAt, DateTimeOffset.UtcNow.AddSeconds(-1))));
        await _first.NoticesWrittenAsync();
        await WaitUntilAsync(async () => await _first.WithDbAsync(db => db.RegistrationNotices.CountAsync()) == 0);
        Assert.Equal(1, await _first.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == "stuck@stuck.example")));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 200 && !await condition(); i++) await Task.Delay(50);
        Assert.True(await condition());
    }
}
