namespace HeartsMinds.Community.Features.Events;

/// <summary>What the _NextEvent partial shows: the next date of one kind, under a heading such as "Next Conversation Space".</summary>
public sealed record NextEvent(string Heading, EventListing Listing);
