using HeartsMinds.Community.Platform.Email;
using MailKit.Security;

namespace HeartsMinds.Community.Tests.Email;

/// <summary>Mail:Smtp:Security (and the older Mail:Smtp:UseStartTls) choose how MailKit protects the connection.</summary>
public sealed class SmtpSecuritySettingsTests
{
    [Theory]
    [InlineData(null, null, 587, SecureSocketOptions.StartTls)]
    [InlineData(null, null, 465, SecureSocketOptions.SslOnConnect)]
    [InlineData(null, true, 587, SecureSocketOptions.StartTls)]
    [InlineData(null, false, 1025, SecureSocketOptions.None)]
    [InlineData(SmtpSecurity.None, null, 1025, SecureSocketOptions.None)]
    [InlineData(SmtpSecurity.SslOnConnect, null, 2465, SecureSocketOptions.SslOnConnect)]
    [InlineData(SmtpSecurity.StartTls, false, 587, SecureSocketOptions.StartTls)] // the newer setting wins
    public void The_settings_choose_the_socket_options(SmtpSecurity? security, bool? useStartTls, int port, SecureSocketOptions expected)
    {
        var smtp = new SmtpOptions { Security = security, UseStartTls = useStartTls, Port = port };

        Assert.Equal(expected, SmtpConnectionPool.SocketOptions(smtp.EffectiveSecurity));
    }
}
